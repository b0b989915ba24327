/* SPDX-License-Identifier: MIT */
/* What each plot shows, as TSV rows for plots/<kind>.gp. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lib/cli.h"
#include "plot/gnuplot_run.h"
#include "results/compare.h"
#include "results/provenance.h"
#include "results/results.h"
#include "stats/bootstrap.h"
#include "tiers/tier.h"

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

static bool wanted(const json_t *v, const char *const *variants, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(variants[i], str(v, "name")) == 0)
			return true;
	return n == 0;
}

/*
 * Variants of res in unit that --variants chose, with at least one passing
 * trial, by mode and name.  The chosen ones without (failed, skipped) are
 * named in left, for the title: a figure must not look clean when a
 * variant failed.
 */
static size_t select_unit(const struct eb_plot *p, const json_t *res,
			  const char *unit, const json_t **out, char *left,
			  size_t size)
{
	size_t i, n = 0, len = 0, more = 0;
	json_t *v;

	*left = '\0';
	json_array_foreach(json_object_get(res, "variants"), i, v) {
		if (strcmp(str(v, "unit"), unit) != 0 ||
		    !wanted(v, p->variants, p->nvariants))
			continue;
		if (json_is_object(json_object_get(v, "summary"))) {
			if (n < MAXV)
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
	qsort(out, n, sizeof(*out), by_mode_name);
	return n;
}

/*
 * "stem: <what>tier tcg (...), unit insns; no figure: int80-32 fail": every
 * title says tier and unit (of v, any variant drawn) and what is missing.
 */
static void titled(char *out, size_t size, const char *stem, const char *what,
		   const json_t *v, const char *left)
{
	const struct eb_tier *t = eb_tier(str(v, "tier"));
	snprintf(out, size, "%s: %stier %s (%s), unit %s%s%s", stem, what,
		 str(v, "tier"), t ? t->describe : "?", str(v, "unit"),
		 *left ? "; no figure: " : "", left);
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

/* "name (mode)", blanking control characters: a tab would split a TSV row. */
static void label(char *out, size_t size, const json_t *v)
{
	snprintf(out, size, "%s (%s)", str(v, "name"), str(v, "mode"));
	for (; *out; out++)
		if ((unsigned char)*out < ' ')
			*out = ' ';
}

bool eb_plot_bars(struct eb_plot *p, const json_t *res, const char *stem,
		  char *err, size_t size)
{
	const char *u[8];
	size_t nu = units(res, u, 8);

	for (size_t k = 0; k < nu; k++) {
		const json_t *v[MAXV];
		char left[256];
		size_t n = select_unit(p, res, u[k], v, left, sizeof(left));
		char data[128], name[256], title[800], out[512];
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
		titled(title, sizeof(title), stem, "", v[0], left);
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
		char left[256];
		size_t n = select_unit(p, res, u[k], v, left, sizeof(left));
		char data[128], title[800], out[512];
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
			titled(title, sizeof(title), stem, "per-trial values, ", v[0],
			       left);
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
		char left[256];
		size_t n = select_unit(p, base, u[k], v, left, sizeof(left)), rows = 0;
		char data[128], name[256], title[800], out[512], ylabel[256];
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
		titled(title, sizeof(title), stem, "", v[0], left);
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

/* Has any file a summary (a passing trial) of v's (name, mode)? */
static bool has_data(const json_t *const *docs, size_t n, const json_t *v)
{
	for (size_t d = 0; d < n; d++) {
		const json_t *w = eb_results_variant(docs[d], str(v, "name"),
						     str(v, "mode"));
		if (json_is_object(json_object_get(w, "summary")))
			return true;
	}
	return false;
}

/* Is docs[d] the first file that has x's (name, mode)? */
static bool first_seen(const json_t *const *docs, size_t d, const json_t *x)
{
	while (d--)
		if (eb_results_variant(docs[d], str(x, "name"), str(x, "mode")))
			return false;
	return true;
}

/*
 * The series of a trend: every (variant, mode) of any file that --variants
 * chose, by mode and name, less those no file has a passing trial of (a
 * panel without a point; say: tell stderr).
 */
static size_t series(const json_t *const *docs, size_t n,
		     const char *const *variants, size_t nvariants,
		     const json_t **v, bool say)
{
	size_t nv = 0, i;
	json_t *x;

	for (size_t d = 0; d < n; d++)
		json_array_foreach(json_object_get(docs[d], "variants"), i, x) {
			if (!first_seen(docs, d, x) || nv == MAXV ||
			    !wanted(x, variants, nvariants))
				continue;
			if (has_data(docs, n, x))
				v[nv++] = x;
			else if (say)
				eb_error("plot: trend: %s (%s) has no passing trial in "
					 "any file (status %s): left out", str(x, "name"),
					 str(x, "mode"), str(x, "status"));
		}
	qsort(v, nv, sizeof(*v), by_mode_name);
	return nv;
}

/* A trend holds one unit of one tier: the same axis means the same thing. */
static bool one_unit(const json_t *const *docs, const char *const *paths,
		     size_t n, char *err, size_t size)
{
	const json_t *first = NULL, *x;
	size_t at = 0, i;

	for (size_t d = 0; d < n; d++)
		json_array_foreach(json_object_get(docs[d], "variants"), i, x) {
			if (!first) {
				first = x;
				at = d;
			} else if (strcmp(str(x, "unit"), str(first, "unit")) ||
				   strcmp(str(x, "tier"), str(first, "tier"))) {
				snprintf(err, size, "%s has %s figures (tier %s), %s "
					 "has %s (tier %s): a trend holds one unit of "
					 "one tier", paths[at], str(first, "unit"),
					 str(first, "tier"), paths[d], str(x, "unit"),
					 str(x, "tier"));
				return false;
			}
		}
	return true;
}

/* Is name a variant (in any mode) of any of the files? */
static bool known(const json_t *const *docs, size_t n, const char *name)
{
	size_t i;
	json_t *x;

	for (size_t d = 0; d < n; d++)
		json_array_foreach(json_object_get(docs[d], "variants"), i, x)
			if (strcmp(str(x, "name"), name) == 0)
				return true;
	return false;
}

bool eb_plot_check(const json_t *const *docs, const char *const *paths,
		   size_t n, const char *const *variants, size_t nvariants,
		   char *err, size_t size)
{
	for (size_t i = 0; i < nvariants; i++)
		if (!known(docs, n, variants[i])) {
			snprintf(err, size, "--variants %s: no such variant in any "
				 "of the %zu files", variants[i], n);
			return false;
		}
	for (size_t d = 0; d < n; d++) {
		size_t i;
		json_t *v;
		json_array_foreach(json_object_get(docs[d], "variants"), i, v)
			if (json_is_object(json_object_get(v, "summary")))
				return true;
	}
	snprintf(err, size, "%s%s: no variant has a figure (a passing, timed "
		 "trial): nothing to plot; a --torture or --inject-nmi run has "
		 "verdicts only (entrybench show)", paths[0], n > 1 ? " ..." : "");
	return false;
}

bool eb_plot_trend_check(const json_t *const *docs,
			 const char *const *paths, size_t n,
			 const char *const *variants, size_t nvariants,
			 char *err, size_t size)
{
	const json_t *v[MAXV];

	if (!one_unit(docs, paths, n, err, size))
		return false;
	if (!series(docs, n, variants, nvariants, v, true)) {
		snprintf(err, size, "trend: nothing to plot: no %svariant has a "
			 "passing trial in any file", nvariants ? "chosen " : "");
		return false;
	}
	return true;
}

bool eb_plot_trend(struct eb_plot *p, const json_t *const *docs,
		   const char *const *labels, size_t n,
		   const char *const *variants, size_t nvariants,
		   char *err, size_t size)
{
	const json_t *v[MAXV];
	size_t nv = series(docs, n, variants, nvariants, v, false);

	if (!one_unit(docs, labels, n, err, size))
		return false;
	if (!nv) {
		snprintf(err, size, "trend: nothing to plot (check --variants)");
		return false;
	}

	const char *unit = str(v[0], "unit");
	char data[128], title[512], tier[256], out[512];
	char (*names)[256] = calloc(nv, sizeof(*names));
	const char *np[MAXV];
	FILE *f = eb_plot_data(p, data, sizeof(data));

	if (!names)
		abort();
	for (size_t j = 0; j < nv; j++) {
		for (size_t d = 0; d < n; d++) {
			const json_t *w = eb_results_variant(docs[d], str(v[j], "name"),
							     str(v[j], "mode"));
			const json_t *s = json_object_get(w, "summary");
			char rev[64];
			/* Hex digits and "+dirty" only: no tab, no quote. */
			if (!eb_provenance_revision(docs[d], rev, sizeof(rev)))
				snprintf(rev, sizeof(rev), "-");
			if (json_is_object(s))
				fprintf(f, "%zu\t%.17g\t%.17g\t%.17g\t%s\t%s\n", d,
					num(s, "median"), num(s, "p5"), num(s, "p95"),
					labels[d], rev);
		}
		fputs("\n\n", f);
		label(names[j], sizeof(names[j]), v[j]);
		np[j] = names[j];
	}
	fclose(f);
	what(tier, sizeof(tier), v[0]);
	snprintf(title, sizeof(title), "trend over %zu results files: %s, "
		 "unit %s, median and p5-p95", n, tier, unit);
	snprintf(out, sizeof(out), "trend-%s", unit);
	struct eb_plot_meta m = { .data = data, .stem = out, .title = title,
				  .unit = unit, .names = np, .n = nv, .files = n };
	bool ok = eb_plot_draw(p, "trend.gp", &m, err, size);
	free(names);
	return ok;
}
