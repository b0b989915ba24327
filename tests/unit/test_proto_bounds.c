/* SPDX-License-Identifier: MIT */
/*
 * The parser at its boundaries: each check is shown to refuse the first
 * value past its bound and to take the last value inside it, so that a
 * comparison turned (!= into >, >= into >) cannot pass unnoticed.  Every
 * text here has a valid CRC: only the check under test can object.
 */
#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <zlib.h>

#include "lib/array.h"
#include "protogen.h"
#include "run/protocol.h"

/*
 * Like protogen(), but the end record claims `claimed` records: the CRC
 * is the true one, so a wrong count is the only thing wrong.
 */
static char *with_count(const char *const *records, size_t n, size_t claimed)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	for (size_t i = 0; i < n; i++)
		fprintf(f, "EB1 %zu %s\n", i, records[i]);
	fflush(f);
	uLong crc = crc32(0, (const Bytef *)buf, len);
	fprintf(f, "EB1 %zu end records=%zu crc32=%08lx status=pass\n", n,
		claimed, crc);
	fclose(f);
	return buf;
}

/* The trial's error for text: "" if it parsed. */
static void expect(char *text, const char *error)
{
	struct eb_proto *p = eb_proto_new();

	eb_proto_feed(p, text, strlen(text));
	eb_proto_finish(p);
	const char *got = eb_proto_trial(p)->error;
	if (*error ? !strstr(got, error) : *got != '\0')
		fail_msg("expected %s%s%s, got '%s'", *error ? "'" : "no error",
			 error, *error ? "'" : "", got);
	if (!*error)
		assert_true(eb_proto_trial(p)->has_end);
	eb_proto_free(p);
	free(text);
}

static const char *const two_batches[] = {
	"hello proto=1 mode=x86_64 boot=pvh k=4 batches=2 warmup=0",
	"variant name=v cpl=3 models=m source=s",
	"check name=v status=pass",
	"batch name=v i=0 k=4 overhead=40 ticks=440",
	"batch name=v i=1 k=4 overhead=40 ticks=448",
	"timed name=v span=1200",
};

/* end records= must be the number of lines before it, exactly. */
static void end_count(void **state)
{
	(void)state;
	const size_t n = N_OF(two_batches);
	char want[128];

	expect(with_count(two_batches, n, n), "");
	snprintf(want, sizeof(want), "end records=%zu but %zu lines came before it",
		 n - 1, n);
	expect(with_count(two_batches, n, n - 1), want);
	snprintf(want, sizeof(want), "end records=%zu but %zu lines came before it",
		 n + 1, n);
	expect(with_count(two_batches, n, n + 1), want);
}

/* Only EB_PROTO_VERSION: an older and a newer guest are both refused. */
static void hello_version(void **state)
{
	(void)state;
	char hello[128], want[128];
	const char *r[] = { hello };

	for (int proto = EB_PROTO_VERSION - 1; proto <= EB_PROTO_VERSION + 1; proto++) {
		snprintf(hello, sizeof(hello), "hello proto=%d mode=x86_64 boot=pvh "
			 "k=1 batches=1 warmup=0", proto);
		snprintf(want, sizeof(want), "hello proto=%d is not supported "
			 "(expected %d)", proto, EB_PROTO_VERSION);
		expect(protogen(r, 1, "pass"), proto == EB_PROTO_VERSION ? "" : want);
	}
}

static void hello_with(uint64_t k, uint64_t batches, uint64_t warmup,
		       const char *error)
{
	char hello[160];
	const char *r[] = { hello };

	snprintf(hello, sizeof(hello), "hello proto=1 mode=x86_64 boot=pvh k=%"
		 PRIu64 " batches=%" PRIu64 " warmup=%" PRIu64, k, batches, warmup);
	expect(protogen(r, 1, "pass"), error);
}

/* hello's ranges: k 1..EB_MAX_K, batches ..EB_MAX_BATCHES, warmup 32 bits. */
static void hello_ranges(void **state)
{
	(void)state;
	char want[128];

	hello_with(1, 1, 0, "");
	snprintf(want, sizeof(want), "hello k=0 out of range 1..%d", EB_MAX_K);
	hello_with(0, 1, 0, want);
	hello_with(EB_MAX_K, 1, 0, "");
	snprintf(want, sizeof(want), "hello k=%d out of range", EB_MAX_K + 1);
	hello_with(EB_MAX_K + 1, 1, 0, want);
	hello_with(1, EB_MAX_BATCHES, 0, "");
	snprintf(want, sizeof(want), "hello batches=%d exceeds %d",
		 EB_MAX_BATCHES + 1, EB_MAX_BATCHES);
	hello_with(1, EB_MAX_BATCHES + 1, 0, want);
	hello_with(1, 0, UINT32_MAX, "");
	snprintf(want, sizeof(want), "hello warmup=%llu out of range",
		 UINT32_MAX + 1ull);
	hello_with(1, 0, UINT32_MAX + 1ull, want);
}

/*
 * One batch past the announced count is refused before it is stored (the
 * array has exactly `batches` slots); so is a batch of another k or out of
 * order, and a timed record after a failed check.
 */
static void batch_bounds(void **state)
{
	(void)state;
	const char *r[N_OF(two_batches) + 1];

	memcpy(r, two_batches, sizeof(two_batches));
	r[5] = "batch name=v i=2 k=4 overhead=40 ticks=440";
	r[6] = "timed name=v span=1200";
	expect(protogen(r, 7, "pass"), "line 6: more than batches=2 batches for 'v'");

	memcpy(r, two_batches, sizeof(two_batches));
	r[4] = "batch name=v i=1 k=5 overhead=40 ticks=448";
	expect(protogen(r, 6, "pass"), "batch k=5 differs from hello k=4");

	memcpy(r, two_batches, sizeof(two_batches));
	r[4] = "batch name=v i=0 k=4 overhead=40 ticks=448";
	expect(protogen(r, 6, "pass"), "batch i=0 for 'v', expected i=1");

	memcpy(r, two_batches, sizeof(two_batches));
	r[2] = "check name=v status=fail detail=\"rbx: want 0x1 got 0x0\"";
	expect(protogen(r, 6, "pass"), "timed for 'v' before its passed check");
}

/* A variant record's cpl is a ring, 0..3; one record per variant. */
static void variant_bounds(void **state)
{
	(void)state;
	const char *r[] = {
		"hello proto=1 mode=x86_64 boot=pvh k=1 batches=1 warmup=0",
		"variant name=v cpl=3 models=m source=s",
		"variant name=w cpl=0 models=m source=s",
	};

	expect(protogen(r, 3, "pass"), "");
	r[1] = "variant name=v cpl=4 models=m source=s";
	expect(protogen(r, 3, "pass"), "variant cpl=4 is not 0..3");
	r[1] = "variant name=w cpl=3 models=m source=s";
	expect(protogen(r, 3, "pass"), "variant 'w' declared twice");
}

/* A skipped variant gets no check or batches; a checked one no skip. */
static void skip_order(void **state)
{
	(void)state;
	const char *r[] = {
		"hello proto=1 mode=x86_64 boot=pvh k=1 batches=1 warmup=0",
		"variant name=v cpl=3 models=m source=s",
		"skip name=v reason=\"no such CPU feature\"",
		"check name=v status=pass",
	};

	expect(protogen(r, 3, "pass"), "");
	expect(protogen(r, 4, "pass"), "check for 'v' after it was checked or skipped");
	r[3] = "batch name=v i=0 k=1 overhead=1 ticks=2";
	expect(protogen(r, 4, "pass"), "batch for skipped variant 'v'");
	r[2] = "check name=v status=pass";
	r[3] = "skip name=v reason=x";
	expect(protogen(r, 4, "pass"), "skip for 'v' after it ran or was skipped");
}

/* One cpu and one calib record; calib needs iterations to divide by. */
static void once_only(void **state)
{
	(void)state;
	const char *r[] = {
		"hello proto=1 mode=x86_64 boot=pvh k=1 batches=1 warmup=0",
		"calib iters=1 ticks=2",
		"calib iters=1 ticks=2",
	};

	expect(protogen(r, 2, "pass"), "");
	expect(protogen(r, 3, "pass"), "second calib record");
	r[1] = "calib iters=0 ticks=2";
	expect(protogen(r, 2, "pass"), "calib iters=0");
	r[1] = r[2] = "cpu vendor=AuthenticAMD family=25 model=1 stepping=1";
	expect(protogen(r, 2, "pass"), "");
	expect(protogen(r, 3, "pass"), "second cpu record");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(end_count),
		cmocka_unit_test(hello_version),
		cmocka_unit_test(hello_ranges),
		cmocka_unit_test(batch_bounds),
		cmocka_unit_test(variant_bounds),
		cmocka_unit_test(skip_order),
		cmocka_unit_test(once_only),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
