/* SPDX-License-Identifier: MIT */
/*
 * Folding one finished boot into a trial (run/boot_results.c): the trial's
 * value is the median over its batches, not their mean; a guest that ran
 * other parameters than the host asked for, a failed check, a calibration
 * the tier rejects and a boot under injected NMIs publish no figure.
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

/*
 * Three batches of k=4 whose (ticks - overhead) / k are 100, 102 and an
 * outlier 400 (an interrupt in one batch): median 102, mean 200.67.
 */
static const char *const outlier[] = {
	"hello proto=1 mode=x86_64 boot=pvh k=4 batches=3 warmup=0",
	"variant name=v cpl=3 models=m source=s",
	"calib iters=1000 ticks=3000",
	"check name=v status=pass",
	"batch name=v i=0 k=4 overhead=40 ticks=440",
	"batch name=v i=1 k=4 overhead=40 ticks=448",
	"batch name=v i=2 k=4 overhead=40 ticks=1640",
	"timed name=v span=3000",
};
static const double outlier_values[] = { 100, 102, 400 };

static struct eb_proto *parse(const char *const *recs, size_t n)
{
	char *text = protogen(recs, n, "pass");
	struct eb_proto *p = eb_proto_new();

	eb_proto_feed(p, text, strlen(text));
	eb_proto_finish(p);
	free(text);
	assert_string_equal(eb_proto_trial(p)->error, "");
	return p;
}

/* The recs as one passing boot of `mode`, folded for tier; the document. */
static json_t *fold(const char *const *recs, size_t n, const char *tier,
		    const char *mode, struct eb_params want)
{
	struct eb_boot b = { .proto = parse(recs, n),
			     .outcome = { .verdict = EB_V_PASS } };
	const char *names[] = { "v" };
	char *argv[] = { "entrybench", "run", NULL };
	json_t *res = eb_results_new(2, argv, fixture_env(tier),
		json_pack("{s:i, s:i, s:i, s:i, s:s, s:s}", "k", want.k,
			  "batches", want.batches, "warmup", want.warmup,
			  "trials", 1, "accel", tier, "boot", "pvh"));

	eb_results_add_variant(res, mode, eb_trial_variant(eb_proto_trial(b.proto),
							    "v"), eb_tier(tier));
	eb_fold(res, eb_tier(tier), mode, 0, &b, &want, names, 1);
	eb_results_finish(res);
	eb_proto_free(b.proto);
	return res;
}

static const json_t *trial(const json_t *res)
{
	return json_array_get(json_object_get(json_array_get(
		json_object_get(res, "variants"), 0), "trials"), 0);
}

static const char *str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static void median_not_mean(void **state)
{
	(void)state;
	double x[N_OF(outlier_values)], mean = 0;

	memcpy(x, outlier_values, sizeof(x));
	for (size_t i = 0; i < N_OF(x); i++)
		mean += x[i] / N_OF(x);
	struct eb_proto *p = parse(outlier, N_OF(outlier));
	const struct eb_variant *v = eb_trial_variant(eb_proto_trial(p), "v");
	assert_int_equal(v->nbatches, N_OF(outlier_values));
	/* == , not cmocka's assert_float_equal(), which passes a NAN. */
	assert_true(eb_trial_value(v, 4) == outlier_values[1]);
	assert_true(fabs(eb_trial_value(v, 4) - mean) > 1);	/* the fixture bites */
	eb_proto_free(p);

	json_t *res = fold(outlier, N_OF(outlier), "tcg", "x86_64",
			   (struct eb_params){ .k = 4, .batches = 3 });
	assert_string_equal(str(trial(res), "status"), "pass");
	assert_true(json_number_value(json_object_get(trial(res), "value")) ==
		    outlier_values[1]);
	/* Every batch is published, in order. */
	const json_t *batches = json_object_get(trial(res), "batches");
	assert_int_equal(json_array_size(batches), N_OF(outlier_values));
	assert_int_equal(json_integer_value(json_object_get(json_array_get(batches, 2),
							    "ticks")), 1640);
	json_decref(res);
}

static void expect_error(const json_t *res, const char *detail)
{
	assert_string_equal(str(trial(res), "status"), "error");
	assert_string_equal(str(trial(res), "detail"), detail);
	assert_true(json_is_null(json_object_get(trial(res), "value")));
}

/* The guest ran k=4 batches=3 warmup=0: asking for anything else is an error. */
static void asked_for_other(void **state)
{
	(void)state;
	static const struct { struct eb_params want; const char *detail; } cases[] = {
		{ { .k = 8, .batches = 3, .warmup = 0 }, "guest ran k=4 batches=3 "
		  "warmup=0, host asked k=8 batches=3 warmup=0" },
		{ { .k = 4, .batches = 2, .warmup = 0 }, "guest ran k=4 batches=3 "
		  "warmup=0, host asked k=4 batches=2 warmup=0" },
		{ { .k = 4, .batches = 3, .warmup = 256 }, "guest ran k=4 batches=3 "
		  "warmup=0, host asked k=4 batches=3 warmup=256" },
	};

	for (size_t i = 0; i < N_OF(cases); i++) {
		json_t *res = fold(outlier, N_OF(outlier), "tcg", "x86_64",
				   cases[i].want);
		expect_error(res, cases[i].detail);
		json_decref(res);
	}
	json_t *res = fold(outlier, N_OF(outlier), "tcg", "i386",
			   (struct eb_params){ .k = 4, .batches = 3 });
	expect_error(res, "guest says mode x86_64, host booted the i386 image");
	json_decref(res);
}

/* A failed check: its detail, no figure. */
static void failed_check(void **state)
{
	(void)state;
	const char *r[] = { outlier[0], outlier[1], outlier[2],
			    "check name=v status=fail detail=\"rbx: want 0x4 got 0x0\"" };
	json_t *res = fold(r, N_OF(r), "tcg", "x86_64",
			   (struct eb_params){ .k = 4, .batches = 3 });

	assert_string_equal(str(trial(res), "status"), "fail");
	assert_string_equal(str(trial(res), "detail"), "rbx: want 0x4 got 0x0");
	assert_true(json_is_null(json_object_get(trial(res), "value")));
	json_decref(res);
}

/*
 * A cycle tier's calib guard: an emulated ring 0 (or no calib record at
 * all) rejects the trial, and not even its batches are published.  An
 * exact tier has no guard.
 */
static void calib_guard(void **state)
{
	(void)state;
	const char *r[N_OF(outlier)];
	struct eb_params want = { .k = 4, .batches = 3 };

	memcpy(r, outlier, sizeof(r));
	r[2] = "calib iters=1000 ticks=5000000";
	json_t *res = fold(r, N_OF(r), "kvm", "x86_64", want);
	assert_string_equal(str(trial(res), "status"), "rejected");
	assert_non_null(strstr(str(trial(res), "detail"), "ring 0 is emulated"));
	assert_int_equal(json_array_size(json_object_get(trial(res), "batches")), 0);
	json_decref(res);

	r[2] = "variant name=x cpl=3 models=m source=s";	/* no calib */
	res = fold(r, N_OF(r), "kvm", "x86_64", want);
	assert_string_equal(str(trial(res), "status"), "rejected");
	assert_string_equal(str(trial(res), "detail"),
			    "no calib record: cannot vouch for the cycle counts");
	assert_int_equal(json_array_size(json_object_get(trial(res), "batches")), 0);
	json_decref(res);

	res = fold(r, N_OF(r), "tcg", "x86_64", want);
	assert_string_equal(str(trial(res), "status"), "pass");
	json_decref(res);
}

/* Under host-injected NMIs the check counts, the figure does not. */
static void nmi_injected(void **state)
{
	(void)state;
	json_t *res = fold(outlier, N_OF(outlier), "tcg", "x86_64",
			   (struct eb_params){ .k = 4, .batches = 3,
					       .nmi_injected = true });

	assert_string_equal(str(trial(res), "status"), "pass");
	assert_string_equal(str(trial(res), "detail"),
			    "checked under host-injected NMIs: figure withheld");
	assert_true(json_is_null(json_object_get(trial(res), "value")));
	json_decref(res);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(median_not_mean),
		cmocka_unit_test(asked_for_other),
		cmocka_unit_test(failed_check),
		cmocka_unit_test(calib_guard),
		cmocka_unit_test(nmi_injected),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
