/* SPDX-License-Identifier: MIT */
/*
 * Choosing what a plot draws (variants, units) and naming it (titles,
 * labels), for every plot kind; plot/select.h says what each does.
 */
#include <stdlib.h>
#include <string.h>

#include "plot/select.h"
#include "results/results.h"
#include "tiers/tier.h"

static int by_mode_name(const void *a, const void *b)
{
	const json_t *x = *(const json_t *const *)a, *y = *(const json_t *const *)b;
	int c = strcmp(eb_variant_where(x), eb_variant_where(y));
	return c ? c : strcmp(str(x, "name"), str(y, "name"));
}

void eb_plot_sort(const json_t **v, size_t n)
{
	qsort(v, n, sizeof(*v), by_mode_name);
}

bool eb_plot_wanted(const json_t *v, const struct eb_plot_input *in)
{
	for (size_t i = 0; i < in->nvariants; i++)
		if (strcmp(in->variants[i], str(v, "name")) == 0)
			return true;
	return in->nvariants == 0;
}

size_t eb_plot_select_unit(const struct eb_plot_input *in, const json_t *res,
			   const char *unit, const json_t **out, char *left,
			   size_t size)
{
	size_t i, n = 0, len = 0, more = 0;
	json_t *v;

	*left = '\0';
	json_array_foreach(json_object_get(res, "variants"), i, v) {
		if (strcmp(str(v, "unit"), unit) != 0 || !eb_plot_wanted(v, in))
			continue;
		if (json_is_object(json_object_get(v, "summary"))) {
			if (n < EB_PLOT_MAXV)
				out[n++] = v;
			continue;
		}
		int w = snprintf(left + len, size - len, "%s%s %s", len ? ", " : "",
				 str(v, "name"), str(v, "status"));
		if (w > 0 && len + w < size - 16)
			len += w;
		else {
			left[len] = '\0';
			more++;
		}
	}
	if (more)
		snprintf(left + len, size - len, " and %zu more", more);
	eb_plot_sort(out, n);
	return n;
}

void eb_plot_tier(char *out, size_t size, const json_t *v)
{
	const struct eb_tier *t = eb_tier(str(v, "tier"));
	snprintf(out, size, "tier %s (%s)", str(v, "tier"), t ? t->describe : "?");
}

void eb_plot_title(char *out, size_t size, const char *stem, const char *what,
		   const json_t *v, const char *left)
{
	char tier[256];

	eb_plot_tier(tier, sizeof(tier), v);
	snprintf(out, size, "%s: %s%s, unit %s%s%s", stem, what, tier,
		 str(v, "unit"), *left ? "; no figure: " : "", left);
}

size_t eb_plot_units(const json_t *res, const char **out, size_t max)
{
	size_t i, n = 0, j;
	json_t *v;

	json_array_foreach(json_object_get(res, "variants"), i, v) {
		for (j = 0; j < n && strcmp(out[j], str(v, "unit")) != 0; j++)
			;
		if (j == n && n < max)
			out[n++] = str(v, "unit");
	}
	return n;
}

void eb_plot_label(char *out, size_t size, const json_t *v)
{
	snprintf(out, size, "%s (%s)", str(v, "name"), eb_variant_where(v));
	for (; *out; out++)
		if ((unsigned char)*out < ' ')
			*out = ' ';
}

/* Is name a variant (in any mode) of any of the files? */
static bool known(const struct eb_plot_input *in, const char *name)
{
	size_t i;
	json_t *x;

	for (size_t d = 0; d < in->n; d++)
		json_array_foreach(json_object_get(in->docs[d], "variants"), i, x)
			if (strcmp(str(x, "name"), name) == 0)
				return true;
	return false;
}

bool eb_plot_check(const struct eb_plot_input *in, char *err, size_t size)
{
	for (size_t i = 0; i < in->nvariants; i++)
		if (!known(in, in->variants[i])) {
			snprintf(err, size, "--variants %s: no such variant in any "
				 "of the %zu files", in->variants[i], in->n);
			return false;
		}
	for (size_t d = 0; d < in->n; d++) {
		size_t i;
		json_t *v;
		json_array_foreach(json_object_get(in->docs[d], "variants"), i, v)
			if (json_is_object(json_object_get(v, "summary")))
				return true;
	}
	snprintf(err, size, "%s%s: no variant has a figure (a passing, timed "
		 "trial): nothing to plot; a --torture or --inject-nmi run has "
		 "verdicts only (entrybench show)", in->paths[0],
		 in->n > 1 ? " ..." : "");
	return false;
}
