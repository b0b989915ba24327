/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bootstrap.h"
#include "compare.h"
#include "env.h"
#include "tier.h"
#include "hl.h"
#include "mannwhitney.h"
#include "stats.h"

const char *eb_results_tier(const json_t *res)
{
	const char *s = json_string_value(json_object_get(
		json_object_get(res, "environment"), "tier"));
	return s ? s : "";
}

/* Appends ", name" to out when a and b differ (absent counts as null). */
static void differ(const json_t *a, const json_t *b, const char *name,
		   char *out, size_t size)
{
	if (json_equal(a ? a : json_null(), b ? b : json_null()))
		return;
	size_t len = strlen(out);
	snprintf(out + len, size - len, "%s%s", len ? ", " : "", name);
}

/* The fields env.c hashes into the fingerprint, objects member by member. */
bool eb_env_diff(const json_t *a, const json_t *b, char *out, size_t size)
{
	const char *key;
	json_t *v;
	char name[256];

	*out = '\0';
	for (size_t i = 0; i < eb_env_nfields; i++) {
		const struct eb_env_field *f = &eb_env_fields[i];
		json_t *va = eb_env_get(a, f), *vb = eb_env_get(b, f);
		if (!f->split || !json_is_object(va) || !json_is_object(vb)) {
			differ(va, vb, f->name, out, size);
			continue;
		}
		json_object_foreach(va, key, v) {
			snprintf(name, sizeof(name), "%s.%s", f->name, key);
			differ(v, json_object_get(vb, key), name, out, size);
		}
		json_object_foreach(vb, key, v)
			if (!json_object_get(va, key)) {
				snprintf(name, sizeof(name), "%s.%s", f->name, key);
				differ(NULL, v, name, out, size);
			}
	}
	/* Same fields, different hash: say so rather than claim agreement. */
	if (!*out)
		differ(json_object_get(a, "fingerprint"),
		       json_object_get(b, "fingerprint"), "fingerprint", out, size);
	return *out != '\0';
}

bool eb_comparable(const json_t *base, const json_t *new, bool force,
		   char *err, size_t size)
{
	char diff[512];
	const struct eb_tier *t = eb_tier(eb_results_tier(base));

	*err = '\0';
	if (!eb_env_diff(json_object_get(base, "environment"),
			 json_object_get(new, "environment"), diff, sizeof(diff)))
		return true;
	if (t && strcmp(t->unit, "insns") == 0) {
		snprintf(err, size, "note: environments differ (%s); instruction "
			 "counts depend on guest code only", diff);
		return true;
	}
	if (force) {
		snprintf(err, size, "warning: environments differ (%s); compared "
			 "because of --force", diff);
		return true;
	}
	snprintf(err, size, "the environments differ (%s): the figures are not "
		 "comparable; --force compares anyway", diff);
	return false;
}

static double median(double *x, size_t n)
{
	return eb_stats(x, n).median;
}

struct eb_change eb_compare_variant(const json_t *base, const json_t *new,
				    const struct eb_compare_opts *o)
{
	double *x, *y;
	struct eb_change c = { .lo = NAN, .hi = NAN, .p = NAN };

	c.m = eb_trial_values(base, &x);
	c.n = eb_trial_values(new, &y);
	c.exact = strcmp(json_string_value(json_object_get(base, "unit")),
			 "insns") == 0;
	if (c.exact) {
		c.base = median(x, c.m);
		c.new = median(y, c.n);
		c.diff = c.new - c.base;
		c.ratio = c.new / c.base;
	} else {
		/* HL and the bootstrap before median(): it sorts in place. */
		c.diff = eb_hl_diff(x, c.m, y, c.n);
		c.ratio = eb_hl_ratio(x, c.m, y, c.n);
		c.p = eb_mw_p_greater(x, c.m, y, c.n);
		struct eb_interval ci = eb_bootstrap(eb_hl_ratio, x, c.m, y, c.n,
						     o->resamples, o->level, o->seed);
		c.lo = ci.lo;
		c.hi = ci.hi;
		c.base = median(x, c.m);
		c.new = median(y, c.n);
	}
	free(x);
	free(y);
	return c;
}
