/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "results/baseline.h"
#include "results/compare.h"
#include "results/results.h"
#include "stats/summary.h"

static const char *str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

bool eb_baseline_fit(const json_t *res, char *err, size_t size)
{
	size_t i;
	json_t *v;

	const json_t *params = json_object_get(res, "parameters");
	if (json_object_get(params, "torture") || json_object_get(params, "inject_nmi")) {
		snprintf(err, size, "a run with --torture or --inject-nmi has no "
			 "counts to make a baseline of");
		return false;
	}
	/* Name the variant that failed, not one its crash kept from running. */
	const json_t *culprit = NULL;
	json_array_foreach(json_object_get(res, "variants"), i, v) {
		const char *status = str(v, "status");
		if (strcmp(status, "pass") == 0 || strcmp(status, "skipped") == 0)
			continue;
		if (!culprit || (strcmp(str(culprit, "status"), "not run") == 0 &&
				 strcmp(status, "not run") != 0))
			culprit = v;
	}
	if (culprit) {
		snprintf(err, size, "variant %s (%s) did not pass (%s): a "
			 "baseline must pass every check", str(culprit, "name"),
			 eb_variant_where(culprit), str(culprit, "status"));
		return false;
	}
	if (!json_array_size(json_object_get(res, "variants"))) {
		snprintf(err, size, "no variants: nothing to gate on");
		return false;
	}
	return true;
}

static json_t *median(const json_t *v)
{
	double *x;
	size_t n = v ? eb_trial_values(v, &x) : 0;
	json_t *m = n ? json_real(eb_stats(x, n).median) : json_null();
	if (v)
		free(x);
	return m;
}

/* One value of the history: v's, and (linux) its column. */
static void entry(json_t *values, const json_t *v, json_t *before, json_t *after)
{
	json_t *e = json_pack("{s:s, s:s, s:o, s:o}", "name", str(v, "name"),
			      "mode", str(v, "mode"), "before", before,
			      "after", after);

	if (eb_variant_column(v))
		json_object_set_new(e, "column", json_string(eb_variant_column(v)));
	json_array_append_new(values, e);
}

void eb_baseline_make(json_t *res, const json_t *old, const char *reason,
		      const char *source, const char *date)
{
	const json_t *oldh = json_object_get(json_object_get(old, "baseline"),
					     "history");
	json_t *history = json_is_array(oldh) ? json_deep_copy(oldh) : json_array();
	json_t *values = json_array(), *v;
	size_t i;

	json_array_foreach(json_object_get(res, "variants"), i, v)
		entry(values, v, median(old ? eb_results_same_variant(old, v) : NULL),
		      median(v));
	/* Variants the new baseline drops keep their last figure on record. */
	json_array_foreach(json_object_get(old, "variants"), i, v)
		if (!eb_results_same_variant(res, v))
			entry(values, v, median(v), json_null());

	json_array_append_new(history, json_pack(
		"{s:s, s:s, s:s, s:s, s:s, s:o}",
		"date", date, "reason", reason, "source", source,
		"entrybench_version", EB_VERSION,
		"fingerprint", str(json_object_get(res, "environment"), "fingerprint"),
		"values", values));
	json_object_set_new(res, "baseline", json_pack("{s:o}", "history", history));
}

const json_t *eb_baseline_last(const json_t *res)
{
	const json_t *h = json_object_get(json_object_get(res, "baseline"), "history");
	size_t n = json_array_size(h);
	return n ? json_array_get(h, n - 1) : NULL;
}
