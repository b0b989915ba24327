/* SPDX-License-Identifier: MIT */
/* The linux tier's parts of a results file: results/linux_results.h. */
#include <stdio.h>
#include <string.h>

#include "results/compare.h"
#include "results/linux_results.h"
#include "tiers/tier.h"

bool eb_linux_results(const json_t *res)
{
	const struct eb_tier *t = eb_tier(eb_results_tier(res));
	return t && t->guest && strcmp(t->guest, "linux") == 0;
}

static bool string_or_null(const json_t *j)
{
	return json_is_string(j) || json_is_null(j);
}

/* kernel: release and package may be unknown, the hash may not. */
static bool kernel_valid(const json_t *k, char *why, size_t size)
{
	const char *sha = json_string_value(json_object_get(k, "sha256"));

	if (!json_is_object(k) || !string_or_null(json_object_get(k, "release")) ||
	    !string_or_null(json_object_get(k, "package"))) {
		snprintf(why, size, "environment.linux.kernel: release and package "
			 "are neither strings nor null");
		return false;
	}
	if (!sha || strlen(sha) != 64 || strspn(sha, "0123456789abcdef") != 64) {
		snprintf(why, size, "environment.linux.kernel.sha256 is not 64 "
			 "lowercase hex digits");
		return false;
	}
	return true;
}

bool eb_linux_env_valid(const json_t *lx, char *why, size_t size)
{
	json_error_t e;
	const json_t *cols, *c;
	const char *label;

	if (!json_is_object(lx)) {
		snprintf(why, size, "environment.linux is missing or not an object");
		return false;
	}
	if (!kernel_valid(json_object_get(lx, "kernel"), why, size))
		return false;
	cols = json_object_get(lx, "columns");
	if (!json_is_object(cols) || !json_object_size(cols)) {
		snprintf(why, size, "environment.linux.columns is not an object "
			 "with a column");
		return false;
	}
	json_object_foreach((json_t *)cols, label, c)
		if (json_unpack_ex((json_t *)c, &e, 0, "{s:s, s:s, s:s, s:s}",
				   "cpu", &(const char *){0},
				   "qemu_cpu", &(const char *){0},
				   "append", &(const char *){0},
				   "boot_options", &(const char *){0})) {
			snprintf(why, size, "environment.linux.columns[\"%.64s\"]: %s",
				 label, e.text);
			return false;
		}
	return true;
}

bool eb_linux_params_valid(const json_t *params, char *why, size_t size)
{
	json_error_t e;
	const char *guest;
	json_t *cpus, *append, *x;
	size_t i;

	if (json_unpack_ex((json_t *)params, &e, 0, "{s:s, s:{s:o, s:o, s:i}}",
			   "guest", &guest, "linux", "cpus", &cpus,
			   "append", &append, "jobs", &(int){0}) ||
	    strcmp(guest, "linux") != 0 || !json_is_array(cpus) ||
	    !json_is_array(append)) {
		snprintf(why, size, "parameters: a linux run has guest \"linux\" and "
			 "linux {cpus, append, jobs}");
		return false;
	}
	json_array_foreach(cpus, i, x)
		if (!json_is_string(x))
			goto bad;
	json_array_foreach(append, i, x)
		if (!json_is_string(x))
			goto bad;
	return true;
bad:
	snprintf(why, size, "parameters.linux: cpus and append hold strings");
	return false;
}

bool eb_linux_column_valid(const json_t *v, const json_t *env, char *why,
			   size_t size)
{
	const json_t *column = json_object_get(v, "column");
	const json_t *cols = json_object_get(json_object_get(env, "linux"),
					     "columns");

	if (!cols && column) {
		snprintf(why, size, "a column, but the file is no linux-tier file");
		return false;
	}
	if (cols && !json_is_string(column)) {
		snprintf(why, size, "no column: a linux-tier variant has one");
		return false;
	}
	if (cols && !json_object_get(cols, json_string_value(column))) {
		snprintf(why, size, "column '%.64s' is not in environment.linux."
			 "columns", json_string_value(column));
		return false;
	}
	return true;
}
