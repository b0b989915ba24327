/* SPDX-License-Identifier: MIT */
/*
 * One death blames one variant: a boot that dies part-way keeps the
 * results of the variants whose records completed, names the one that was
 * running, and marks the rest `not run`.  A boot whose protocol broke, or
 * that died before the variants began, is the whole boot's.
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


#include "assert_close.h"
#include "fixture.h"
#include "lib/array.h"
#include "protogen.h"
#include "results/results.h"
#include "run/boot_results.h"

/* a passes, s is skipped, b is running when the boot dies, c never runs. */
static const char *const recs[] = {
	"hello proto=1 mode=x86_64 boot=pvh k=4 batches=2 warmup=0",
	"variant name=a cpl=3 models=m source=s",
	"variant name=s cpl=3 models=m source=s",
	"variant name=b cpl=3 models=m source=s",
	"variant name=c cpl=3 models=m source=s",
	"calib iters=1000 ticks=2000",
	"check name=a status=pass",
	"batch name=a i=0 k=4 overhead=40 ticks=440",
	"batch name=a i=1 k=4 overhead=40 ticks=448",
	"timed name=a span=1200",
	"skip name=s reason=\"no such CPU feature\"",
	"check name=b status=pass",
	"batch name=b i=0 k=4 overhead=40 ticks=440",
	"batch name=b i=1 k=4 overhead=40 ticks=440",
	"timed name=b span=1200",
	"check name=c status=pass",
	"batch name=c i=0 k=4 overhead=40 ticks=440",
	"batch name=c i=1 k=4 overhead=40 ticks=440",
	"timed name=c span=1200",
};
#define AFTER_A		11	/* records up to and including s's skip */
#define IN_B_TIMING	13
#define ALL		N_OF(recs)

static const char *const names[] = { "a", "s", "b", "c" };

/*
 * The first n records, then: a panic and `end status=crash` (panic), or
 * nothing (the output stops: cut).
 */
static json_t *fold_boot(size_t n, bool panic, enum eb_verdict verdict,
			 enum eb_proc_how how, const char *why)
{
	const char *r[ALL + 1];
	memcpy(r, recs, n * sizeof(*r));
	if (panic)
		r[n++] = "panic vector=14 error=0x4 rip=0x200182 cs=0x33 "
			 "rsp=0x40000020efa8 cr2=0x40000020efa8 what=\"#PF\"";
	char *text = protogen(r, n, panic ? "crash" : "pass");
	if (!panic)
		*(strstr(text, " end records=") - strlen("EB1 ") -
		  snprintf(NULL, 0, "%zu", n)) = '\0';

	struct eb_boot b = { .proto = eb_proto_new(), .proc = { .how = how },
			     .outcome = { .verdict = verdict } };
	snprintf(b.outcome.why, sizeof(b.outcome.why), "%s", why);
	eb_proto_feed(b.proto, text, strlen(text));
	eb_proto_finish(b.proto);
	free(text);

	const struct eb_trial *t = eb_proto_trial(b.proto);
	char *argv[] = { "entrybench", "run", NULL };
	json_t *res = eb_results_new(2, argv,
		fixture_env("tcg"),
		json_pack("{s:i, s:i, s:i, s:i, s:s, s:s, s:i}", "k", 4,
			  "batches", 2, "warmup", 0, "trials", 1, "accel", "tcg",
			  "boot", "pvh", "timeout_s", 30));
	struct eb_params want = { .k = 4, .batches = 2, .warmup = 0 };
	for (size_t i = 0; i < 4; i++)
		eb_results_add_variant(res, "x86_64", eb_trial_variant(t, names[i]),
				       eb_tier("tcg"));
	eb_fold(res, eb_tier("tcg"), "x86_64", 0, &b, &want, names, 4);
	eb_results_finish(res);
	eb_proto_free(b.proto);
	return res;
}

static const char *status(const json_t *res, const char *name)
{
	return json_string_value(json_object_get(
		eb_results_variant(res, name, "x86_64"), "status"));
}

static const char *detail(const json_t *res, const char *name)
{
	return json_string_value(json_object_get(json_array_get(json_object_get(
		eb_results_variant(res, name, "x86_64"), "trials"), 0), "detail"));
}

static void expect_detail(const json_t *res, const char *name, const char *want)
{
	const char *got = detail(res, name);
	if (!got || !strstr(got, want))
		fail_msg("%s: expected '%s' in its detail, got '%s'", name, want,
			 got ? got : "(null)");
}

/* a keeps its figure, s its skip, b the death, c is not run. */
static void expect_blamed(const json_t *res, const char *death, const char *where)
{
	assert_string_equal(status(res, "a"), "pass");
	json_t *sum = json_object_get(eb_results_variant(res, "a", "x86_64"), "summary");
	assert_close(json_number_value(json_object_get(sum, "median")), 101, 0);
	assert_string_equal(status(res, "s"), "skipped");
	assert_string_equal(status(res, "b"), death);
	expect_detail(res, "b", where);
	assert_string_equal(status(res, "c"), "not run");
	char want[64];
	snprintf(want, sizeof(want), "the boot %s in b before this variant's turn",
		 death);
	expect_detail(res, "c", want);
}

static void panic_in_check(void **state)
{
	(void)state;
	json_t *res = fold_boot(AFTER_A, true, EB_V_CRASH, EB_PROC_EXITED,
				"guest panic: vector 14");
	expect_blamed(res, "crashed", "in its check: guest panic: vector 14");
	json_decref(res);
}

static void deaths_while_timed(void **state)
{
	(void)state;
	json_t *res = fold_boot(IN_B_TIMING, false, EB_V_CRASH, EB_PROC_EXITED,
				"guest reset (triple fault)");
	expect_blamed(res, "crashed", "while it was timed: guest reset");
	json_decref(res);

	res = fold_boot(IN_B_TIMING, false, EB_V_TIMEOUT, EB_PROC_TIMEOUT,
			"timeout after 30 s");
	expect_blamed(res, "timeout", "while it was timed: timeout after 30 s");
	json_decref(res);

	res = fold_boot(IN_B_TIMING, false, EB_V_ERROR, EB_PROC_SIGNALED,
			"QEMU killed by signal 9");
	expect_blamed(res, "error", "while it was timed: QEMU killed by signal 9");
	json_decref(res);
}

/* Every record complete, then a death: the last variant that ran. */
static void death_after_the_last(void **state)
{
	(void)state;
	json_t *res = fold_boot(ALL, true, EB_V_CRASH, EB_PROC_EXITED, "panic");
	assert_string_equal(status(res, "a"), "pass");
	assert_string_equal(status(res, "b"), "pass");
	assert_string_equal(status(res, "c"), "crashed");
	expect_detail(res, "c", "after its last record: panic");
	json_decref(res);
}

/* Nothing to blame a variant for: every variant gets the boot's verdict. */
static void whole_boot(void **state)
{
	(void)state;
	/* Died before calib: no variant had begun. */
	json_t *res = fold_boot(5, false, EB_V_CRASH, EB_PROC_EXITED, "reset");
	for (size_t i = 0; i < 4; i++) {
		assert_string_equal(status(res, names[i]), "crashed");
		expect_detail(res, names[i], "reset");
	}
	json_decref(res);

	/* Cut short but QEMU said "pass": lost output, not a death. */
	res = fold_boot(IN_B_TIMING, false, EB_V_ERROR, EB_PROC_EXITED,
			"guest pass, but protocol: truncated");
	for (size_t i = 0; i < 4; i++)
		assert_string_equal(status(res, names[i]), "error");
	json_decref(res);
}

/* A forged record: the protocol vouches for none, so nobody is blamed. */
static void broken_protocol(void **state)
{
	(void)state;
	const char *r[] = { recs[0], recs[1], recs[2], recs[3], recs[4], recs[5],
			    recs[6], recs[7], "batch name=a i=0 k=4 overhead=1 ticks=2" };
	char *text = protogen(r, 9, "crash");
	struct eb_boot b = { .proto = eb_proto_new(),
			     .outcome = { .verdict = EB_V_CRASH, .why = "x" } };
	eb_proto_feed(b.proto, text, strlen(text));
	eb_proto_finish(b.proto);
	free(text);
	const struct eb_trial *t = eb_proto_trial(b.proto);
	assert_non_null(strstr(t->error, "expected i=1"));
	assert_false(t->truncated);

	char *argv[] = { "entrybench", NULL };
	json_t *res = eb_results_new(1, argv,
		fixture_env("tcg"),
		json_pack("{s:i, s:i, s:i}", "k", 4, "batches", 2, "warmup", 0));
	struct eb_params want = { .k = 4, .batches = 2, .warmup = 0 };
	for (size_t i = 0; i < 4; i++)
		eb_results_add_variant(res, "x86_64", eb_trial_variant(t, names[i]),
				       eb_tier("tcg"));
	eb_fold(res, eb_tier("tcg"), "x86_64", 0, &b, &want, names, 4);
	eb_results_finish(res);
	for (size_t i = 0; i < 4; i++)
		assert_string_equal(status(res, names[i]), "crashed");
	eb_proto_free(b.proto);
	json_decref(res);
}

/* `not run` ranks above pass and skipped, below every failure. */
static void not_run_rank(void **state)
{
	(void)state;
	json_t *res = fold_boot(AFTER_A, true, EB_V_CRASH, EB_PROC_EXITED, "p");
	json_t *c = eb_results_variant(res, "c", "x86_64");
	json_t *trials = json_object_get(c, "trials");

	json_array_append_new(trials, json_pack("{s:i, s:s, s:n, s:f, s:n, s:[]}",
		"boot", 1, "status", "pass", "detail", "value", 7.0, "calib",
		"batches"));
	eb_results_finish(res);
	assert_string_equal(status(res, "c"), "not run");
	assert_int_equal(json_integer_value(json_object_get(
		json_object_get(c, "summary"), "n")), 1);
	json_array_append_new(trials, json_pack("{s:i, s:s, s:s, s:n, s:n, s:[]}",
		"boot", 2, "status", "rejected", "detail", "why", "value", "calib",
		"batches"));
	eb_results_finish(res);
	assert_string_equal(status(res, "c"), "rejected");

	/* A reader knows the status. */
	char err[512];
	assert_true(eb_results_valid(res, "r", err, sizeof(err)));
	json_decref(res);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(panic_in_check),
		cmocka_unit_test(deaths_while_timed),
		cmocka_unit_test(death_after_the_last),
		cmocka_unit_test(whole_boot),
		cmocka_unit_test(broken_protocol),
		cmocka_unit_test(not_run_rank),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
