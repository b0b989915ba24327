/* SPDX-License-Identifier: MIT */
/*
 * The Google Benchmark export: rows as Google Benchmark 1.7.1 writes them
 * (iterations, then mean, median, stddev and cv from two repetitions on),
 * the figure under a counter named after its unit, and a context that
 * holds only what was measured.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "assert_close.h"
#include "lib/array.h"
#include "results/export_gbench.h"

static json_t *trial(const char *status, double value)
{
	json_t *t = json_pack("{s:s}", "status", status);

	if (!isnan(value))
		json_object_set_new(t, "value", json_real(value));
	return t;
}

static json_t *variant(const char *name, const char *mode, const char *tier,
		       const char *unit, json_t *trials)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:o}", "name", name, "mode", mode,
			 "tier", tier, "unit", unit, "trials", trials);
}

static json_t *tcg_results(void)
{
	json_t *four = json_pack("[o, o, o, o, o, o]", trial("pass", 10),
				 trial("pass", 20), trial("crashed", NAN),
				 trial("pass", 14), trial("pass", NAN),
				 trial("pass", 12));

	return json_pack("{s:s, s:{s:s, s:{s:f}}, s:{s:i, s:i}, s:[o, o, o]}",
			 "created", "2026-12-01T00:00:00Z",
			 "environment", "tier", "tcg", "tsc_hz", "value", 2.6e9,
			 "parameters", "k", 64, "batches", 16,
			 "variants",
			 variant("none", "x86_64", "tcg", "insns",
				 json_pack("[o]", trial("skipped", NAN))),
			 variant("four", "x86_64", "tcg", "insns", four),
			 variant("one", "i386", "tcg", "insns",
				 json_pack("[o]", trial("pass", 52))));
}

static json_t *row(json_t *gb, const char *name)
{
	size_t i;
	json_t *b;

	json_array_foreach(json_object_get(gb, "benchmarks"), i, b)
		if (strcmp(json_string_value(json_object_get(b, "name")), name) == 0)
			return b;
	fail_msg("no row %s", name);
	return NULL;
}

static double num(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	assert_true(json_is_number(v));
	return json_number_value(v);
}

static void aggregate_rows(void **state)
{
	(void)state;
	json_t *res = tcg_results(), *gb = eb_export_gbench(res);
	const double sd = sqrt((16.0 + 36 + 0 + 4) / 3);	/* n - 1 */
	static const struct { const char *what, *unit; double value; } want[] = {
		{ "mean", "time", 14 }, { "median", "time", 13 },
		{ "stddev", "time", 4.3204937989385739 },
		{ "cv", "percentage", 4.3204937989385739 / 14 },
	};

	/* 4 + 4 aggregates, 1 without; nothing for the skipped one. */
	assert_int_equal(json_array_size(json_object_get(gb, "benchmarks")), 9);
	assert_close(sd, want[2].value, 1e-12);
	for (size_t i = 0; i < N_OF(want); i++) {
		char name[64];
		snprintf(name, sizeof(name), "four/tcg/insns_%s", want[i].what);
		json_t *r = row(gb, name);
		assert_string_equal(json_string_value(json_object_get(r, "run_type")),
				    "aggregate");
		assert_string_equal(json_string_value(json_object_get(r, "run_name")),
				    "four/tcg/insns");
		assert_string_equal(json_string_value(json_object_get(r,
					"aggregate_name")), want[i].what);
		assert_string_equal(json_string_value(json_object_get(r,
					"aggregate_unit")), want[i].unit);
		assert_int_equal(json_integer_value(json_object_get(r, "iterations")), 4);
		assert_null(json_object_get(r, "repetition_index"));
		assert_close(num(r, "insns"), want[i].value, 1e-9);
		assert_close(num(r, "real_time"), want[i].value, 1e-9);
		assert_close(num(r, "cpu_time"), want[i].value, 1e-9);
	}
	/* One repetition: Google Benchmark writes no aggregates. */
	json_t *one = row(gb, "one.i386/tcg/insns");
	assert_close(num(one, "insns"), 52, 0);
	assert_int_equal(json_integer_value(json_object_get(one, "family_index")), 1);
	json_decref(gb);
	json_decref(res);
}

static void iteration_rows(void **state)
{
	(void)state;
	json_t *res = tcg_results(), *gb = eb_export_gbench(res), *b;
	size_t i;
	int index = 0;

	json_array_foreach(json_object_get(gb, "benchmarks"), i, b) {
		if (strcmp(json_string_value(json_object_get(b, "name")),
			   "four/tcg/insns") != 0)
			continue;
		assert_string_equal(json_string_value(json_object_get(b, "run_type")),
				    "iteration");
		assert_int_equal(json_integer_value(json_object_get(b,
					"repetition_index")), index++);
		assert_int_equal(json_integer_value(json_object_get(b, "repetitions")), 4);
		assert_int_equal(json_integer_value(json_object_get(b, "iterations")),
				 64 * 16);
		assert_string_equal(json_string_value(json_object_get(b, "time_unit")),
				    "ns");
		assert_close(num(b, "insns"), num(b, "real_time"), 0);
		assert_null(json_object_get(b, "tsc_cycles"));
	}
	assert_int_equal(index, 4);
	json_decref(gb);
	json_decref(res);
}

/* Nothing made up: no CPU count, scaling or build type nobody measured. */
static void context_measured_or_absent(void **state)
{
	(void)state;
	json_t *res = tcg_results(), *gb = eb_export_gbench(res);
	json_t *c = json_object_get(gb, "context");
	static const char *const absent[] = {
		"num_cpus", "mhz_per_cpu", "cpu_scaling_enabled",
		"library_build_type", "host_name", "caches", "load_avg",
	};

	for (size_t i = 0; i < N_OF(absent); i++)
		assert_null(json_object_get(c, absent[i]));
	assert_string_equal(json_string_value(json_object_get(c, "entrybench_unit")),
			    "insns");
	assert_non_null(strstr(json_string_value(json_object_get(c,
			"entrybench_time_fields")), "figure in insns"));
	json_decref(gb);

	/* Under kvm the host's measured TSC is the guest's clock. */
	json_object_set_new(json_object_get(res, "environment"), "tier",
			    json_string("kvm"));
	gb = eb_export_gbench(res);
	c = json_object_get(gb, "context");
	assert_int_equal(json_integer_value(json_object_get(c, "mhz_per_cpu")), 2600);
	assert_null(json_object_get(c, "num_cpus"));
	json_decref(gb);

	/* Native: what Google Benchmark itself measured, as it wrote it. */
	json_object_set_new(json_object_get(res, "environment"), "tier",
			    json_string("native"));
	json_object_set_new(json_object_get(res, "environment"), "google_benchmark",
			    json_pack("{s:i, s:i, s:b, s:s}", "num_cpus", 2,
				      "mhz_per_cpu", 2600, "cpu_scaling_enabled", 0,
				      "library_build_type", "debug"));
	gb = eb_export_gbench(res);
	c = json_object_get(gb, "context");
	assert_int_equal(json_integer_value(json_object_get(c, "num_cpus")), 2);
	assert_true(json_is_false(json_object_get(c, "cpu_scaling_enabled")));
	assert_string_equal(json_string_value(json_object_get(c,
					"library_build_type")), "debug");
	assert_string_equal(json_string_value(json_object_get(c, "entrybench_unit")),
			    "tsc_cycles");
	json_decref(gb);
	json_decref(res);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(aggregate_rows),
		cmocka_unit_test(iteration_rows),
		cmocka_unit_test(context_measured_or_absent),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
