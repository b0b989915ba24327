/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "results/export_gbench.h"
#include "results/results.h"
#include "tiers/tier.h"

static const char *str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

static json_int_t param(const json_t *res, const char *key)
{
	return json_integer_value(json_object_get(json_object_get(res,
						"parameters"), key));
}

/*
 * What a benchmark row has before its figures, in Google Benchmark's
 * order; index is the repetition's, -1 for an aggregate.
 */
static json_t *head(const char *name, const char *run_name, int family,
		    const char *type, size_t reps, int index)
{
	json_t *row = json_pack("{s:s, s:i, s:i, s:s, s:s, s:I}", "name", name,
				"family_index", family,
				"per_family_instance_index", 0,
				"run_name", run_name, "run_type", type,
				"repetitions", (json_int_t)reps);

	if (index >= 0)
		json_object_set_new(row, "repetition_index", json_integer(index));
	json_object_set_new(row, "threads", json_integer(1));
	return row;
}

/* The figure: in the time fields for compare.py, and under its unit. */
static void figures(json_t *row, json_int_t iterations, double value,
		    const char *unit)
{
	json_object_set_new(row, "iterations", json_integer(iterations));
	json_object_set_new(row, "real_time", json_real(value));
	json_object_set_new(row, "cpu_time", json_real(value));
	json_object_set_new(row, "time_unit", json_string("ns"));
	json_object_set_new(row, unit, json_real(value));
}

/* One row per passing trial with a figure (injected-NMI trials have none). */
static void iterations(json_t *out, const json_t *res, const json_t *v,
		       const char *name, int family, size_t reps)
{
	const json_t *t;
	size_t i;
	int index = 0;

	json_array_foreach(json_object_get(v, "trials"), i, t) {
		const json_t *value = json_object_get(t, "value");
		if (strcmp(str(t, "status"), "pass") != 0 || !json_is_number(value))
			continue;
		json_t *row = head(name, name, family, "iteration", reps, index++);
		/* A native trial counts its own iterations. */
		const json_t *n = json_object_get(t, "iterations");
		figures(row, n ? json_integer_value(n) :
			param(res, "k") * param(res, "batches"),
			json_number_value(value), str(v, "unit"));
		json_array_append_new(out, row);
	}
}

static void aggregate(json_t *out, const char *run_name, int family,
		      size_t reps, const char *what, const char *unit_kind,
		      double value, const char *unit)
{
	char name[600];

	snprintf(name, sizeof(name), "%s_%s", run_name, what);
	json_t *row = head(name, run_name, family, "aggregate", reps, -1);
	json_object_set_new(row, "aggregate_name", json_string(what));
	json_object_set_new(row, "aggregate_unit", json_string(unit_kind));
	figures(row, (json_int_t)reps, value, unit);
	json_array_append_new(out, row);
}

/*
 * What Google Benchmark appends after two or more repetitions: mean,
 * median, sample standard deviation and cv = stddev / mean (a fraction).
 */
static void aggregates(json_t *out, const json_t *v, const char *name,
		       int family)
{
	const char *unit = str(v, "unit");
	double *x;
	size_t n = eb_trial_values(v, &x);

	if (n >= 2) {
		gsl_sort(x, 1, n);
		double mean = gsl_stats_mean(x, 1, n), sd = gsl_stats_sd(x, 1, n);
		aggregate(out, name, family, n, "mean", "time", mean, unit);
		aggregate(out, name, family, n, "median", "time",
			  gsl_stats_median_from_sorted_data(x, 1, n), unit);
		aggregate(out, name, family, n, "stddev", "time", sd, unit);
		if (mean != 0)
			aggregate(out, name, family, n, "cv", "percentage",
				  sd / mean, unit);
	}
	free(x);
}

/*
 * Measured or absent, never made up: native runs carry the context Google
 * Benchmark measured; a guest tier has only what entrybench recorded (the
 * host's measured TSC, which is the guest's clock under kvm).  Then
 * entrybench's own keys, as --benchmark_context=key=value would add them.
 */
static json_t *context(const json_t *res, const char *tier, const char *unit)
{
	const json_t *env = json_object_get(res, "environment");
	const json_t *gb = json_object_get(env, "google_benchmark");
	double hz = json_number_value(json_object_get(json_object_get(env,
						"tsc_hz"), "value"));
	char fields[256];
	json_t *c;

	if (json_is_object(gb)) {
		c = json_deep_copy(gb);
	} else {
		c = json_pack("{s:s, s:s}", "date", str(res, "created"),
			      "executable", "entrybench");
		if (strcmp(tier, "kvm") == 0 && hz > 0)
			json_object_set_new(c, "mhz_per_cpu",
					    json_integer(lround(hz / 1e6)));
	}
	snprintf(fields, sizeof(fields), "real_time and cpu_time hold the "
		 "figure in %s; time_unit ns is a placeholder", unit);
	json_object_set_new(c, "entrybench_tier", json_string(tier));
	json_object_set_new(c, "entrybench_unit", json_string(unit));
	json_object_set_new(c, "entrybench_time_fields", json_string(fields));
	return c;
}

json_t *eb_export_gbench(const json_t *res)
{
	const char *tier = str(json_object_get(res, "environment"), "tier");
	/* A file that was read has a known tier; the fuzzers feed others. */
	const char *unit = eb_tier(tier) ? eb_tier(tier)->unit : "unit";
	json_t *benchmarks = json_array(), *v;
	size_t i;
	int family = 0;

	json_array_foreach(json_object_get(res, "variants"), i, v) {
		char name[512];
		double *x;
		size_t reps = eb_trial_values(v, &x);

		free(x);
		if (!reps)
			continue;
		/* A linux file's column in brackets: one name per variant. */
		const char *column = eb_variant_column(v);
		snprintf(name, sizeof(name), "%s%s%s%s%s%s/%s/%s", str(v, "name"),
			 strcmp(str(v, "mode"), "x86_64") ? "." : "",
			 strcmp(str(v, "mode"), "x86_64") ? str(v, "mode") : "",
			 column ? "[" : "", column ? column : "", column ? "]" : "",
			 str(v, "tier"), str(v, "unit"));
		iterations(benchmarks, res, v, name, family, reps);
		aggregates(benchmarks, v, name, family);
		family++;
	}
	return json_pack("{s:o, s:o}", "context", context(res, tier, unit),
			 "benchmarks", benchmarks);
}
