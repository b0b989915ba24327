/* SPDX-License-Identifier: MIT */
/*
 * Google Benchmark's JSON folded into entrybench results, on a file
 * captured from `entrybench native --repetitions 2` on the development
 * machine (fixtures/native.gbench.json): two passing benchmarks, one of
 * them with manual time, and one skipped.
 */
#include <libgen.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <jansson.h>

#include "assert_close.h"
#include "fixture.h"
#include "lib/array.h"
#include "native/native.h"
#include "results/results.h"

static const struct eb_native_bench syscall_bench = {
	.name = "getppid-syscall", .mode = "x86_64",
	.models = "m1", .source = "s1",
};
static const struct eb_native_bench vsyscall_bench = {
	.name = "getppid-vsyscall32", .mode = "i386",
	.models = "m2", .source = "s2", .manual_time = true,
};
static const struct eb_native_bench kvm_bench = {
	.name = "kvm-run-pio", .mode = "x86_64",
	.models = "m3", .source = "s3",
};
static const struct eb_native_bench *const benches[] = {
	&syscall_bench, &vsyscall_bench, &kvm_bench,
};

static json_t *fixture(void)
{
	char path[4096], file[] = __FILE__;
	json_error_t e;

	snprintf(path, sizeof(path), "%s/fixtures/native.gbench.json", dirname(file));
	json_t *gb = json_load_file(path, 0, &e);
	if (!gb)
		fail_msg("%s: %s", path, e.text);
	return gb;
}

static json_t *empty_results(void)
{
	char *argv[] = { "entrybench", "native", NULL };

	return eb_results_new(2, argv,
		fixture_env("native"),
		json_pack("{s:i, s:f, s:n}", "repetitions", 2,
			  "min_time_s", 0.05, "filter"));
}

static double gb_value(json_t *gb, size_t i)
{
	return json_number_value(json_object_get(json_array_get(
			json_object_get(gb, "benchmarks"), i), EB_NATIVE_COUNTER));
}

static void folds_repetitions(void **state)
{
	(void)state;
	json_t *gb = fixture(), *res = empty_results();
	char err[256] = "";

	assert_true(eb_native_fold(res, gb, benches, N_OF(benches), err,
				   sizeof(err)));
	eb_results_finish(res);
	assert_int_equal(json_array_size(json_object_get(res, "variants")), 3);

	/* Every figure carries tier native and unit tsc_cycles. */
	json_t *v = eb_results_variant(res, "getppid-syscall", "x86_64");
	assert_non_null(v);
	assert_string_equal(json_string_value(json_object_get(v, "tier")), "native");
	assert_string_equal(json_string_value(json_object_get(v, "unit")), "tsc_cycles");
	assert_string_equal(json_string_value(json_object_get(v, "status")), "pass");
	assert_string_equal(json_string_value(json_object_get(v, "models")), "m1");

	/* One trial per repetition, valued by the tsc_cycles counter. */
	json_t *trials = json_object_get(v, "trials");
	assert_int_equal(json_array_size(trials), 2);
	json_t *t0 = json_array_get(trials, 0), *t1 = json_array_get(trials, 1);
	assert_close(json_number_value(json_object_get(t0, "value")),
			   gb_value(gb, 2), 1e-9);
	assert_close(json_number_value(json_object_get(t1, "value")),
			   gb_value(gb, 3), 1e-9);
	assert_int_equal(json_integer_value(json_object_get(t1, "boot")), 1);
	assert_true(json_integer_value(json_object_get(t0, "iterations")) > 0);
	assert_true(json_number_value(json_object_get(t0, "real_time_ns")) > 0);
	assert_string_equal(json_string_value(json_object_get(t0, "detail")),
			    json_string_value(json_object_get(json_array_get(
				json_object_get(gb, "benchmarks"), 2), "label")));

	/* The summary is over repetitions, not Google Benchmark's aggregates. */
	json_t *s = json_object_get(v, "summary");
	assert_int_equal(json_integer_value(json_object_get(s, "n")), 2);
	assert_close(json_number_value(json_object_get(s, "min")),
			   fmin(gb_value(gb, 2), gb_value(gb, 3)), 1e-9);

	/* "/manual_time" is Google Benchmark's suffix, not part of the name. */
	v = eb_results_variant(res, "getppid-vsyscall32", "i386");
	assert_non_null(v);
	assert_int_equal(json_array_size(json_object_get(v, "trials")), 2);
	assert_close(json_number_value(json_object_get(
				json_array_get(json_object_get(v, "trials"), 0), "value")),
			   gb_value(gb, 8), 1e-9);

	/* A skip is a skip, with its reason, and no figure. */
	v = eb_results_variant(res, "kvm-run-pio", "x86_64");
	assert_string_equal(json_string_value(json_object_get(v, "status")), "skipped");
	assert_non_null(strstr(json_string_value(json_object_get(v, "skip_reason")),
			       "kvm_pvm"));
	assert_true(json_is_null(json_object_get(v, "summary")));

	assert_non_null(json_object_get(json_object_get(res, "environment"),
					"google_benchmark"));
	/* What show and export read back. */
	assert_true(eb_results_valid(res, "folded", err, sizeof(err)));
	json_decref(res);
	json_decref(gb);
}

static void error_is_not_a_skip(void **state)
{
	(void)state;
	json_t *gb = fixture(), *res = empty_results();
	json_t *run = json_array_get(json_object_get(gb, "benchmarks"), 2);
	char err[256] = "";

	json_object_set_new(run, "error_occurred", json_true());
	json_object_set_new(run, "error_message", json_string("syscall returned 5"));
	assert_true(eb_native_fold(res, gb, benches, N_OF(benches), err,
				   sizeof(err)));
	eb_results_finish(res);
	json_t *v = eb_results_variant(res, "getppid-syscall", "x86_64");
	assert_string_equal(json_string_value(json_object_get(v, "status")), "error");
	json_t *t0 = json_array_get(json_object_get(v, "trials"), 0);
	assert_string_equal(json_string_value(json_object_get(t0, "detail")),
			    "syscall returned 5");
	assert_true(json_is_null(json_object_get(t0, "value")));
	json_decref(res);
	json_decref(gb);
}

static void refuses_what_it_does_not_know(void **state)
{
	(void)state;
	json_t *gb = fixture(), *res = empty_results();
	char err[256] = "";

	/* A benchmark this entrybench does not have. */
	assert_false(eb_native_fold(res, gb, benches, 1, err, sizeof(err)));
	assert_non_null(strstr(err, "'kvm-run-pio' is no native benchmark"));

	/* A repetition without the counter. */
	json_object_del(json_array_get(json_object_get(gb, "benchmarks"), 2),
			EB_NATIVE_COUNTER);
	assert_false(eb_native_fold(res, gb, benches, N_OF(benches), err,
				    sizeof(err)));
	assert_non_null(strstr(err, "getppid-syscall"));

	/* Not Google Benchmark's JSON at all. */
	json_t *other = json_pack("{s:[]}", "benchmarks");
	assert_false(eb_native_fold(res, other, benches, N_OF(benches), err,
				    sizeof(err)));
	assert_non_null(strstr(err, "not Google Benchmark JSON"));
	json_decref(other);
	json_decref(res);
	json_decref(gb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(folds_repetitions),
		cmocka_unit_test(error_is_not_a_skip),
		cmocka_unit_test(refuses_what_it_does_not_know),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
