/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "results/export_gbench.h"

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

json_t *eb_gbench(const json_t *res)
{
	const json_t *env = json_object_get(res, "environment");
	double hz = json_number_value(json_object_get(json_object_get(env,
						"tsc_hz"), "value"));
	json_t *benchmarks = json_array(), *v, *t;
	size_t i, j;

	json_array_foreach(json_object_get(res, "variants"), i, v) {
		json_t *trials = json_object_get(v, "trials");
		char name[512];
		int reps = 0, index = 0;

		snprintf(name, sizeof(name), "%s%s%s/%s/%s", str(v, "name"),
			 strcmp(str(v, "mode"), "x86_64") ? "." : "",
			 strcmp(str(v, "mode"), "x86_64") ? str(v, "mode") : "",
			 str(v, "tier"), str(v, "unit"));
		/* A passing trial may withhold its figure (injected NMIs). */
		json_array_foreach(trials, j, t)
			reps += strcmp(str(t, "status"), "pass") == 0 &&
				json_is_number(json_object_get(t, "value"));
		json_array_foreach(trials, j, t) {
			if (strcmp(str(t, "status"), "pass") != 0 ||
			    !json_is_number(json_object_get(t, "value")))
				continue;
			double value = json_number_value(json_object_get(t, "value"));
			json_array_append_new(benchmarks, json_pack(
				"{s:s, s:s, s:s, s:i, s:i, s:i, s:i, s:I, "
				"s:f, s:f, s:s}",
				"name", name, "run_name", name,
				"run_type", "iteration",
				"repetitions", reps, "repetition_index", index++,
				"threads", 1, "family_index", (int)i,
				/* A native trial counts its own iterations. */
				"iterations", json_object_get(t, "iterations") ?
					json_integer_value(json_object_get(t, "iterations")) :
					param(res, "k") * param(res, "batches"),
				"real_time", value, "cpu_time", value,
				"time_unit", "ns"));
		}
	}
	/* The guest is one vCPU; mhz_per_cpu is the host's measured TSC. */
	return json_pack("{s:{s:s, s:s, s:s, s:i, s:i, s:b, s:[], s:[], s:s}, "
			 "s:o}",
			 "context",
			 "date", str(res, "created"),
			 "host_name", "(not recorded)",
			 "executable", "entrybench",
			 "num_cpus", 1,
			 "mhz_per_cpu", (int)lround(hz / 1e6),
			 "cpu_scaling_enabled", 0,
			 "caches", "load_avg",
			 "library_build_type", "release",
			 "benchmarks", benchmarks);
}
