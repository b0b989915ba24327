/* SPDX-License-Identifier: MIT */
/*
 * Per-variant counters (run/counting_boots.h): the k / 2k difference per round trip,
 * the protocol's own exits taken out, and the table that shows counts and
 * the reasons for the ones that are unavailable.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "assert_close.h"
#include "results/results.h"
#include "run/counting_boots.h"

/* Only debug-console writes are exits of their own. */
static void exits_per_byte(void **state)
{
	(void)state;
	assert_int_equal(eb_count_exits_per_byte("kvm:kvm_pio"), 1);
	assert_int_equal(eb_count_exits_per_byte("kvm:kvm_exit"), 1);
	assert_int_equal(eb_count_exits_per_byte("kvm:kvm_mmio"), 0);
	assert_int_equal(eb_count_exits_per_byte("instructions"), 0);
}

/*
 * io-exit: one OUT per round trip.  k = 64, 16 batches: the second boot
 * makes 1024 more round trips and printed 34 more protocol bytes (larger
 * tick counts), each of them one more OUT to the debug console.
 */
static void one_exit_per_trip(void **state)
{
	(void)state;
	uint64_t n1 = 6983, n2 = 6983 + 1024 + 34;
	assert_close(eb_count_per_trip(n1, n2, 6905, 6939, 1, 64, 16), 1.0, 1e-12);
	/* No exit in the round trip: the 34 bytes alone, taken out. */
	assert_close(eb_count_per_trip(n1, n1 + 34, 6905, 6939, 1, 64, 16), 0.0, 1e-12);
	/* A non-exit event is not corrected: 2048 more instructions. */
	assert_close(eb_count_per_trip(1000, 3048, 6905, 6939, 0, 64, 16), 2.0, 1e-12);
	/* A second boot with fewer bytes (shorter numbers) is fine too. */
	assert_close(eb_count_per_trip(100, 100 + 1024 - 3, 900, 897, 1, 64, 16),
			   1.0, 1e-12);
}

/* A results document with counters on two trials of one variant. */
static json_t *doc(void)
{
	json_error_t e;
	json_t *d = json_loads(
		"{\"parameters\": {\"counters\": [\"kvm:kvm_pio\", \"context-switches\"]},"
		" \"variants\": ["
		"  {\"name\": \"io-exit\", \"mode\": \"x86_64\", \"trials\": ["
		"   {\"boot\": 0, \"counters\": {"
		"     \"kvm:kvm_pio\": {\"per_trip\": 1.0, \"k\": [64, 128],"
		"        \"counts\": [7000, 8024], \"protocol_bytes\": [6900, 6900]},"
		"     \"context-switches\": {\"unavailable\": \"no permission: x\"}}},"
		"   {\"boot\": 1, \"counters\": {"
		"     \"kvm:kvm_pio\": {\"per_trip\": 3.0, \"k\": [64, 128],"
		"        \"counts\": [7000, 10072], \"protocol_bytes\": [6900, 6900]},"
		"     \"context-switches\": {\"unavailable\": \"no permission: x\"}}},"
		"   {\"boot\": 2, \"counters\": {"
		"     \"kvm:kvm_pio\": {\"per_trip\": 2.0, \"k\": [64, 128],"
		"        \"counts\": [7000, 9048], \"protocol_bytes\": [6900, 6900]},"
		"     \"context-switches\": {\"unavailable\": \"no permission: x\"}}}]},"
		"  {\"name\": \"int80\", \"mode\": \"x86_64\", \"trials\": []}]}",
		0, &e);
	assert_non_null(d);
	return d;
}

static char *table(const json_t *d)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_int_equal(eb_counters_table(f, d), 0);
	fclose(f);
	return buf;
}

/* Medians per event, a numbered reason for the unavailable, "-" for none. */
static void table_rows(void **state)
{
	(void)state;
	json_t *d = doc();
	char *t = table(d);
	assert_non_null(strstr(t, "host-side counters per round trip"));
	assert_non_null(strstr(t, "io-exit                  x86_64              2.00"
				  "  unavailable [1]\n"));
	assert_non_null(strstr(t, "int80                    x86_64                 -"
				  "                -\n"));
	assert_non_null(strstr(t, "[1] no permission: x\n"));
	free(t);
	json_decref(d);
}

/* No --counters: no table at all. */
static void no_table(void **state)
{
	(void)state;
	json_t *d = json_pack("{s:{}, s:[]}", "parameters", "variants");
	char *t = table(d);
	assert_string_equal(t, "");
	free(t);
	json_decref(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(exits_per_byte),
		cmocka_unit_test(one_exit_per_trip),
		cmocka_unit_test(table_rows),
		cmocka_unit_test(no_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
