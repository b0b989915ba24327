/* SPDX-License-Identifier: MIT */
/*
 * Figures that cannot be true are rejected with the reason before they are
 * published (eb_results_finish), per unit: one case per bound of
 * plausible.c, and the figures next to it that must stay.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#define FP "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

#include "results/plausible.h"
#include "results/results.h"

/* A results document of one tier: k=4, 2 batches, 30 s, TSC at 1 GHz. */
static json_t *doc(const char *tier)
{
	char *argv[] = { "entrybench", NULL };
	bool native = strcmp(tier, "native") == 0;
	return eb_results_new(1, argv,
		json_pack("{s:s, s:s, s:{s:f, s:s}}", "tier", tier,
			  "fingerprint", FP, "tsc_hz", "value", 1e9,
			  "method", "measured"),
		native ? json_pack("{s:i, s:f, s:n}", "repetitions", 1,
				   "min_time_s", 0.1, "filter") :
		json_pack("{s:i, s:i, s:i, s:i, s:s, s:s, s:i}", "k", 4,
			  "batches", 2, "warmup", 0, "trials", 1, "accel", tier,
			  "boot", "pvh", "timeout_s", 30));
}

/* Variant `name` with one passing trial: value, batches (overhead, ticks
 * pairs, n of them), span (< 0: none). */
static json_t *add(json_t *res, const char *name, double value, long long span,
		   int n, ...)
{
	const char *tier = json_string_value(json_object_get(
		json_object_get(res, "environment"), "tier"));
	struct eb_variant desc = { .name = (char *)name, .models = "m",
				   .source = "s" };
	json_t *v = eb_results_add_variant(res, "x86_64", &desc, eb_tier(tier));
	json_t *batches = json_array();
	va_list ap;

	va_start(ap, n);
	for (int i = 0; i < n; i++) {
		long long overhead = va_arg(ap, long long);
		long long ticks = va_arg(ap, long long);
		json_array_append_new(batches, json_pack("{s:I, s:I}",
			"overhead", (json_int_t)overhead, "ticks", (json_int_t)ticks));
	}
	va_end(ap);
	json_t *t = json_pack("{s:i, s:s, s:s, s:f, s:n, s:o}", "boot", 0,
			      "status", "pass", "detail", "ok", "value", value,
			      "calib", "batches", batches);
	if (span >= 0)
		json_object_set_new(t, "span", json_integer(span));
	json_array_append_new(json_object_get(v, "trials"), t);
	return t;
}

static const char *str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

static void expect_pass(const json_t *t)
{
	if (strcmp(str(t, "status"), "pass") != 0)
		fail_msg("rejected: %s", str(t, "detail"));
	assert_true(json_is_number(json_object_get(t, "value")));
}

static void expect_rejected(const json_t *t, const char *why)
{
	assert_string_equal(str(t, "status"), "rejected");
	if (!strstr(str(t, "detail"), why))
		fail_msg("expected '%s' in '%s'", why, str(t, "detail"));
	assert_true(strncmp(str(t, "detail"), "implausible, withheld: ", 23) == 0);
	/* Withheld: no value, no batches. */
	assert_true(json_is_null(json_object_get(t, "value")));
	assert_int_equal(json_array_size(json_object_get(t, "batches")), 0);
	assert_null(json_object_get(t, "span"));
}

static void insns(void **state)
{
	(void)state;
	json_t *res = doc("tcg");
	json_t *good = add(res, "good", 100, 1200, 2, 40LL, 440LL, 40LL, 440LL);
	json_t *nospan = add(res, "nospan", 100, -1, 2, 40LL, 440LL, 40LL, 440LL);
	/* ticks lowered below the overhead: a negative figure */
	json_t *low = add(res, "low", -4.06, 1200, 2, 261LL, 1LL, 261LL, 1LL);
	/* one batch at its overhead exactly, the median still positive */
	json_t *one = add(res, "one", 50, 1200, 2, 40LL, 40LL, 40LL, 440LL);
	/* ticks raised beyond their whole */
	json_t *huge = add(res, "huge", 36028797018963968.0, 1200, 2,
			   40LL, 144115188075855872LL, 40LL, 144115188075855872LL);

	eb_results_finish(res);
	expect_pass(good);
	expect_pass(nospan);
	expect_rejected(low, "batch 0: ticks 1 <= overhead 261");
	expect_rejected(one, "batch 0: ticks 40 <= overhead 40");
	expect_rejected(huge, "the batches add up to 288230376151711824 insns, "
			"more than the 1200 of the timing job");
	/* The variant takes the status; its summary has nothing to show. */
	json_t *v = eb_results_variant(res, "huge", "x86_64");
	assert_string_equal(str(v, "status"), "rejected");
	assert_true(json_is_null(json_object_get(v, "summary")));
	assert_string_equal(str(eb_results_variant(res, "good", "x86_64"), "status"),
			    "pass");
	json_decref(res);
}

static void cycles(void **state)
{
	(void)state;
	json_t *res = doc("kvm");
	/* An interrupt in one reference loop is noise, not a lie. */
	json_t *noisy = add(res, "noisy", 50, 9000, 2, 4000LL, 400LL, 40LL, 440LL);
	json_t *negative = add(res, "negative", -3, 9000, 2, 52LL, 40LL, 52LL, 40LL);
	json_t *zero = add(res, "zero", 0, 9000, 2, 40LL, 40LL, 40LL, 40LL);
	/* More cycles than a 1 GHz TSC counts in the 30 s timeout. */
	json_t *slow = add(res, "slow", 2.5e9, 40000000000LL, 2, 40LL, 10000000040LL,
			   40LL, 10000000040LL);
	json_t *nospan = add(res, "nospan", 1e10, -1, 2, 40LL, 40000000040LL,
			     40LL, 40000000040LL);

	eb_results_finish(res);
	expect_pass(noisy);
	expect_rejected(negative, "value -3.00 tsc_cycles per round trip");
	expect_rejected(zero, "value 0.00 tsc_cycles per round trip");
	expect_rejected(slow, "40000000000 tsc_cycles in one boot: more than a "
			"TSC at 1000000000 Hz counts in the 30 s timeout (30000000000)");
	expect_rejected(nospan, "80000000160 tsc_cycles in one boot");
	json_decref(res);
}

static void native(void **state)
{
	(void)state;
	json_t *res = doc("native");
	json_t *ok = add(res, "ok", 300, -1, 0);
	json_t *fast = add(res, "fast", 300, -1, 0);

	/* 1 GHz: 300 ticks take 300 ns; in 100 ns they cannot. */
	json_object_set_new(ok, "real_time_ns", json_real(310));
	json_object_set_new(fast, "real_time_ns", json_real(100));
	eb_results_finish(res);
	expect_pass(ok);
	expect_rejected(fast, "300.00 tsc_cycles per iteration in 100.00 ns");
	json_decref(res);
}

/* JSON has no infinity: the trial is rejected, not lost. */
static void infinite(void **state)
{
	(void)state;
	json_t *res = doc("native");
	struct eb_variant desc = { .name = "inf", .models = "m", .source = "s" };
	json_t *v = eb_results_add_variant(res, "x86_64", &desc, eb_tier("native"));

	eb_results_add_trial(v, 0, "pass", "label", INFINITY, NULL, NULL);
	eb_results_finish(res);
	json_t *t = json_array_get(json_object_get(v, "trials"), 0);
	assert_non_null(t);
	assert_string_equal(str(t, "status"), "rejected");
	assert_non_null(strstr(str(t, "detail"), "not finite"));
	json_decref(res);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(insns),
		cmocka_unit_test(cycles),
		cmocka_unit_test(native),
		cmocka_unit_test(infinite),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
