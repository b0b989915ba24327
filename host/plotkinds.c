/* SPDX-License-Identifier: MIT */
/* What each plot shows, as TSV rows for plots/<kind>.gp. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bootstrap.h"
#include "compare.h"
#include "plotrun.h"
#include "results.h"
#include "tier.h"

#define MAXV	256	/* variants in one plot */

static const char *str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

static int by_mode_name(const void *a, const void *b)
{
	const json_t *x = *(const json_t *const *)a, *y = *(const json_t *const *)b;
	int c = strcmp(str(x, "mode"), str(y, "mode"));
	return c ? c : strcmp(str(x, "name"), str(y, "name"));
}

/* Variants of res in unit with at least one passing trial, by mode and name. */
static size_t select_unit(const json_t *res, const char *unit, const json_t **out)
{
	size_t i, n = 0;
	json_t *v;

	json_array_foreach(json_object_get(res, "variants"), i, v)
		if (n < MAXV && strcmp(str(v, "unit"), unit) == 0 &&
		    json_is_object(json_object_get(v, "summary")))
			out[n++] = v;
	qsort(out, n, sizeof(*out), by_mode_name);
	return n;
}

/* The distinct units of res, in order of appearance. */
static size_t units(const json_t *res, const char **out, size_t max)
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

static double num(const json_t *o, const char *key)
{
	return json_number_value(json_object_get(o, key));
}

/* "tier tcg, unit insns": every title says both. */
static void what(char *out, size_t size, const json_t *v)
{
	const struct eb_tier *t = eb_tier(str(v, "tier"));
	snprintf(out, size, "tier %s (%s)", str(v, "tier"), t ? t->describe : "?");
}

static void label(char *out, size_t size, const json_t *v)
{
	snprintf(out, size, "%s (%s)", str(v, "name"), str(v, "mode"));
}

bool eb_plot_bars(struct eb_plot *p, const json_t *res, const char *stem,
		  char *err, size_t size)
{
	const char *u[8];
	size_t nu = units(res, u, 8);

	for (size_t k = 0; k < nu; k++) {
		const json_t *v[MAXV];
		size_t n = select_unit(res, u[k], v);
		char data[128], name[256], title[512], tier[256], out[512];
		FILE *f = eb_plot_data(p, data, sizeof(data));
		int mode = 0;

		for (size_t i = 0; i < n; i++) {
			const json_t *s = json_object_get(v[i], "summary");
			if (i == 0 || strcmp(str(v[i], "mode"), str(v[i - 1], "mode")) != 0)
				mode++;
			label(name, sizeof(name), v[i]);
			fprintf(f, "%s\t%.17g\t%.17g\t%.17g\t%d\t%lld\n", name,
				num(s, "median"), num(s, "p5"), num(s, "p95"), mode,
				json_integer_value(json_object_get(s, "n")));
		}
		fclose(f);
		if (!n)
			continue;
		what(tier, sizeof(tier), v[0]);
		snprintf(title, sizeof(title), "%s: %s, unit %s", stem, tier, u[k]);
		snprintf(out, sizeof(out), "%s-bars-%s", stem, u[k]);
		struct eb_plot_meta m = { .data = data, .stem = out, .title = title,
					  .unit = u[k], .n = n };
		if (!eb_plot_draw(p, "bars.gp", &m, err, size))
			return false;
	}
	return true;
}

bool eb_plot_dist(struct eb_plot *p, const json_t *res, const char *stem,
		  char *err, size_t size)
{
	const char *u[8];
	size_t nu = units(res, u, 8);

	for (size_t k = 0; k < nu; k++) {
		const json_t *v[MAXV];
		size_t n = select_unit(res, u[k], v);
		char data[128], title[512], tier[256], out[512];
		char (*names)[256] = calloc(n + 1, sizeof(*names));
		const char *np[MAXV];
		FILE *f = eb_plot_data(p, data, sizeof(data));

		if (!names)
			abort();
		for (size_t i = 0; i < n; i++) {
			double *x;
			size_t m = eb_trial_values(v[i], &x);
			for (size_t j = 0; j < m; j++)
				fprintf(f, "%.17g\n", x[j]);
			fputs("\n\n", f);	/* gnuplot: next index */
			free(x);
			label(names[i], sizeof(names[i]), v[i]);
			np[i] = names[i];
		}
		fclose(f);
		bool ok = true;
		if (n) {
			what(tier, sizeof(tier), v[0]);
			snprintf(title, sizeof(title), "%s: per-trial values, %s, unit %s",
				 stem, tier, u[k]);
			snprintf(out, sizeof(out), "%s-dist-%s", stem, u[k]);
			struct eb_plot_meta m = { .data = data, .stem = out, .title = title,
						  .unit = u[k], .names = np, .n = n };
			ok = eb_plot_draw(p, "dist.gp", &m, err, size);
		}
		free(names);
		if (!ok)
			return false;
	}
	return true;
}

bool eb_plot_compare(struct eb_plot *p, const json_t *base, const json_t *new,
		     const char *stem, char *err, size_t size)
{
	const char *u[8];
	size_t nu = units(base, u, 8);
	struct eb_compare_opts o = { .resamples = EB_BOOTSTRAP_RESAMPLES,
				     .level = 0.95, .seed = EB_BOOTSTRAP_SEED };

	for (size_t k = 0; k < nu; k++) {
		const json_t *v[MAXV];
		size_t n = select_unit(base, u[k], v), rows = 0;
		char data[128], name[256], title[512], tier[256], out[512], ylabel[256];
		FILE *f = eb_plot_data(p, data, sizeof(data));
		bool exact = strcmp(u[k], "insns") == 0;

		for (size_t i = 0; i < n; i++) {
			const json_t *w = eb_results_variant(new, str(v[i], "name"),
							     str(v[i], "mode"));
			if (!w || strcmp(str(w, "unit"), u[k]) != 0)
				continue;
			struct eb_change c = eb_compare_variant(v[i], w, &o);
			if (isnan(c.ratio))
				continue;
			label(name, sizeof(name), v[i]);
			fprintf(f, "%s\t%.17g\t%.17g\t%.17g\n", name, c.ratio,
				exact ? c.ratio : c.lo, exact ? c.ratio : c.hi);
			rows++;
		}
		fclose(f);
		if (!rows)
			continue;
		what(tier, sizeof(tier), v[0]);
		snprintf(title, sizeof(title), "%s: %s, unit %s", stem, tier, u[k]);
		snprintf(ylabel, sizeof(ylabel), exact ?
			 "new / base %s (exact)" :
			 "new / base %s: Hodges-Lehmann ratio, 95%% bootstrap interval",
			 u[k]);
		snprintf(out, sizeof(out), "%s-%s", stem, u[k]);
		struct eb_plot_meta m = { .data = data, .stem = out, .title = title,
					  .unit = u[k], .ylabel = ylabel, .n = rows };
		if (!eb_plot_draw(p, "compare.gp", &m, err, size))
			return false;
	}
	return true;
}

static bool wanted(const json_t *v, const char *const *variants, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(variants[i], str(v, "name")) == 0)
			return true;
	return n == 0;
}

bool eb_plot_trend(struct eb_plot *p, const json_t *const *docs,
		   const char *const *labels, size_t n,
		   const char *const *variants, size_t nvariants,
		   char *err, size_t size)
{
	const json_t *v[MAXV];
	const char *unit;
	size_t nv = 0, i;
	json_t *x;

	/* The series: every (variant, mode) of any file, in the last file's unit. */
	unit = str(json_array_get(json_object_get(docs[n - 1], "variants"), 0), "unit");
	for (size_t d = 0; d < n; d++)
		json_array_foreach(json_object_get(docs[d], "variants"), i, x) {
			if (strcmp(str(x, "unit"), unit) != 0) {
				snprintf(err, size, "%s has %s figures, %s has %s: a trend "
					 "holds one unit", labels[d], str(x, "unit"),
					 labels[n - 1], unit);
				return false;
			}
			bool seen = false;
			for (size_t j = 0; j < nv && !seen; j++)
				seen = by_mode_name(&v[j], &(const json_t *){ x }) == 0;
			if (!seen && nv < MAXV && wanted(x, variants, nvariants))
				v[nv++] = x;
		}
	qsort(v, nv, sizeof(*v), by_mode_name);

	char data[128], title[512], tier[256], out[512];
	char (*names)[256] = calloc(nv + 1, sizeof(*names));
	const char *np[MAXV];
	FILE *f = eb_plot_data(p, data, sizeof(data));

	if (!names)
		abort();
	for (size_t j = 0; j < nv; j++) {
		for (size_t d = 0; d < n; d++) {
			const json_t *w = eb_results_variant(docs[d], str(v[j], "name"),
							     str(v[j], "mode"));
			const json_t *s = json_object_get(w, "summary");
			if (json_is_object(s))
				fprintf(f, "%zu\t%.17g\t%.17g\t%.17g\t%s\n", d,
					num(s, "median"), num(s, "p5"), num(s, "p95"),
					labels[d]);
		}
		fputs("\n\n", f);
		label(names[j], sizeof(names[j]), v[j]);
		np[j] = names[j];
	}
	fclose(f);
	bool ok = true;
	if (nv) {
		what(tier, sizeof(tier), v[0]);
		snprintf(title, sizeof(title), "trend over %zu results files: %s, "
			 "unit %s, median and p5-p95", n, tier, unit);
		snprintf(out, sizeof(out), "trend-%s", unit);
		struct eb_plot_meta m = { .data = data, .stem = out, .title = title,
					  .unit = unit, .names = np, .n = nv };
		ok = eb_plot_draw(p, "trend.gp", &m, err, size);
	} else {
		snprintf(err, size, "no variant to plot (check --variants)");
		ok = false;
	}
	free(names);
	return ok;
}
