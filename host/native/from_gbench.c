/* SPDX-License-Identifier: MIT */
/*
 * Google Benchmark's JSON -> entrybench results.  One gbench repetition
 * (run_type "iteration") is one trial; its value is the tsc_cycles
 * counter.  Google Benchmark's own times ride along in the trial, in ns.
 * Aggregates (mean, median, ...) are not copied: eb_results_finish()
 * computes the summary from the trials as for every other tier.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "lib/array.h"
#include "native.h"
#include "results/results.h"

/* Google Benchmark appends this to the name of a manual-time benchmark. */
#define MANUAL_SUFFIX	"/manual_time"

static const struct {
	const char *unit;
	double ns;
} time_units[] = {
	{ .unit = "ns", .ns = 1 },
	{ .unit = "us", .ns = 1e3 },
	{ .unit = "ms", .ns = 1e6 },
	{ .unit = "s", .ns = 1e9 },
};

static double to_ns(double t, const char *unit)
{
	for (size_t i = 0; i < N_OF(time_units); i++)
		if (strcmp(time_units[i].unit, unit) == 0)
			return t * time_units[i].ns;
	return NAN;
}

static const struct eb_native_bench *
find(const struct eb_native_bench *const *benches, size_t n, const char *run_name)
{
	size_t len = strlen(run_name), slen = strlen(MANUAL_SUFFIX);

	if (len > slen && strcmp(run_name + len - slen, MANUAL_SUFFIX) == 0)
		len -= slen;
	for (size_t i = 0; i < n; i++)
		if (strlen(benches[i]->name) == len &&
		    strncmp(benches[i]->name, run_name, len) == 0)
			return benches[i];
	return NULL;
}

static json_t *variant(json_t *res, const struct eb_native_bench *b)
{
	json_t *v = eb_results_variant(res, b->name, b->mode);
	/* results/results.h takes the guest's description; a process is at CPL 3. */
	struct eb_variant desc = {
		.name = (char *)b->name, .cpl = 3,
		.models = (char *)b->models, .source = (char *)b->source,
		.family = (char *)b->family,
	};

	return v ? v : eb_results_add_variant(res, b->mode, &desc, eb_tier("native"));
}

/* One repetition; false with err if it lacks what eb_gb_run writes. */
static bool trial(json_t *v, const json_t *run, char *err, size_t size)
{
	json_t *trials = json_object_get(v, "trials");
	const char *msg = NULL, *label = NULL, *unit = "";
	json_int_t iterations = 0;
	double real = NAN, cpu = NAN, cycles = NAN;
	int index = (int)json_array_size(trials), failed = 0;
	json_error_t e;

	if (json_unpack_ex((json_t *)run, &e, 0, "{s?b, s?s, s?s, s?i}",
			   "error_occurred", &failed, "error_message", &msg,
			   "label", &label, "repetition_index", &index)) {
		snprintf(err, size, "%s", e.text);
		return false;
	}
	if (failed) {
		bool skip = msg && strncmp(msg, EB_GB_SKIPPED,
					   strlen(EB_GB_SKIPPED)) == 0;
		eb_results_add_trial(v, index, skip ? "skipped" : "error",
				     skip ? msg + strlen(EB_GB_SKIPPED) : msg,
				     NAN, NULL, NULL);
		return true;
	}
	if (json_unpack_ex((json_t *)run, &e, 0, "{s:I, s:F, s:F, s:s, s:F}",
			   "iterations", &iterations, "real_time", &real,
			   "cpu_time", &cpu, "time_unit", &unit,
			   EB_NATIVE_COUNTER, &cycles)) {
		snprintf(err, size, "%s", e.text);
		return false;
	}
	if (isnan(to_ns(real, unit))) {
		snprintf(err, size, "unknown time_unit '%s'", unit);
		return false;
	}
	eb_results_add_trial(v, index, "pass", label, cycles, NULL, NULL);
	json_t *t = json_array_get(trials, json_array_size(trials) - 1);
	json_object_set_new(t, "iterations", json_integer(iterations));
	json_object_set_new(t, "real_time_ns", json_real(to_ns(real, unit)));
	json_object_set_new(t, "cpu_time_ns", json_real(to_ns(cpu, unit)));
	return true;
}

bool eb_native_fold(json_t *res, const json_t *gb,
		    const struct eb_native_bench *const *benches, size_t n,
		    char *err, size_t size)
{
	json_t *context, *runs, *run;
	json_error_t e;
	size_t i;

	if (json_unpack_ex((json_t *)gb, &e, 0, "{s:o, s:o}", "context", &context,
			   "benchmarks", &runs)) {
		snprintf(err, size, "not Google Benchmark JSON: %s", e.text);
		return false;
	}
	if (!json_is_array(runs)) {
		snprintf(err, size, "not Google Benchmark JSON: benchmarks is "
			 "not an array");
		return false;
	}
	json_array_foreach(runs, i, run) {
		const char *name = json_string_value(json_object_get(run, "run_name"));
		const char *type = json_string_value(json_object_get(run, "run_type"));
		const struct eb_native_bench *b;
		char why[256];

		if (!name || !type) {
			snprintf(err, size, "benchmarks[%zu]: no run_name or run_type", i);
			return false;
		}
		if (strcmp(type, "iteration") != 0)
			continue;
		if (!(b = find(benches, n, name))) {
			snprintf(err, size, "benchmarks[%zu]: '%s' is no native "
				 "benchmark of this entrybench", i, name);
			return false;
		}
		if (!trial(variant(res, b), run, why, sizeof(why))) {
			snprintf(err, size, "benchmarks[%zu] (%s): %s", i, name, why);
			return false;
		}
	}
	json_object_set(json_object_get(res, "environment"), "google_benchmark",
			context);
	return true;
}
