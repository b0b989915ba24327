/* SPDX-License-Identifier: MIT */
/*
 * trend: the files in order (e.g. one per commit), one panel per chosen
 * variant with its median and p5-p95 in each file; each x tic names its
 * file and the revision it measured (plots/trend.gp).  The series holds one
 * unit of one tier: the same axis means the same thing throughout.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/cli.h"
#include "plot/gnuplot_run.h"
#include "plot/select.h"
#include "results/provenance.h"
#include "results/results.h"

/* Has any file a summary (a passing trial) of v's (name, mode)? */
static bool has_data(const struct eb_plot_input *in, const json_t *v)
{
	for (size_t d = 0; d < in->n; d++) {
		const json_t *w = eb_results_same_variant(in->docs[d], v);
		if (json_is_object(json_object_get(w, "summary")))
			return true;
	}
	return false;
}

/* Is docs[d] the first file that has x's (name, mode)? */
static bool first_seen(const json_t *const *docs, size_t d, const json_t *x)
{
	while (d--)
		if (eb_results_same_variant(docs[d], x))
			return false;
	return true;
}

/*
 * The series of a trend: every (variant, mode) of any file that --variants
 * chose, sorted, less those no file has a passing trial of (a panel
 * without a point; say: tell stderr).
 */
static size_t series(const struct eb_plot_input *in, const json_t **v, bool say)
{
	size_t nv = 0, i;
	json_t *x;

	for (size_t d = 0; d < in->n; d++)
		json_array_foreach(json_object_get(in->docs[d], "variants"), i, x) {
			if (!first_seen(in->docs, d, x) || nv == EB_PLOT_MAXV ||
			    !eb_plot_wanted(x, in))
				continue;
			if (has_data(in, x))
				v[nv++] = x;
			else if (say)
				eb_error("plot: trend: %s (%s) has no passing trial in "
					 "any file (status %s): left out", str(x, "name"),
					 eb_variant_where(x), str(x, "status"));
		}
	eb_plot_sort(v, nv);
	return nv;
}

/* Is every figure of the files in one unit of one tier?  names[i] names docs[i] in err. */
static bool one_unit(const struct eb_plot_input *in, const char *const *names,
		     char *err, size_t size)
{
	const json_t *first = NULL, *x;
	size_t at = 0, i;

	for (size_t d = 0; d < in->n; d++)
		json_array_foreach(json_object_get(in->docs[d], "variants"), i, x) {
			if (!first) {
				first = x;
				at = d;
			} else if (strcmp(str(x, "unit"), str(first, "unit")) ||
				   strcmp(str(x, "tier"), str(first, "tier"))) {
				snprintf(err, size, "%s has %s figures (tier %s), %s "
					 "has %s (tier %s): a trend holds one unit of "
					 "one tier", names[at], str(first, "unit"),
					 str(first, "tier"), names[d], str(x, "unit"),
					 str(x, "tier"));
				return false;
			}
		}
	return true;
}

/* One unit of one tier, and something to draw; what is left out is said. */
static bool check_trend(const struct eb_plot_input *in, char *err, size_t size)
{
	const json_t *v[EB_PLOT_MAXV];

	if (!one_unit(in, in->paths, err, size))
		return false;
	if (!series(in, v, true)) {
		snprintf(err, size, "trend: nothing to plot: no %svariant has a "
			 "passing trial in any file", in->nvariants ? "chosen " : "");
		return false;
	}
	return true;
}

/*
 * One gnuplot index (block) per variant of v: a row per file that has a
 * figure of it (file number, median, p5, p95, label, revision).
 */
static void write_points(FILE *f, const struct eb_plot_input *in,
			 const json_t *const *v, size_t nv,
			 char (*names)[256], const char **np)
{
	for (size_t j = 0; j < nv; j++) {
		for (size_t d = 0; d < in->n; d++) {
			const json_t *w = eb_results_same_variant(in->docs[d], v[j]);
			const json_t *s = json_object_get(w, "summary");
			char rev[64];
			/* Hex digits and "+dirty" only: no tab, no quote. */
			if (!eb_provenance_revision(in->docs[d], rev, sizeof(rev)))
				snprintf(rev, sizeof(rev), "-");
			if (json_is_object(s))
				fprintf(f, "%zu\t%.17g\t%.17g\t%.17g\t%s\t%s\n", d,
					num(s, "median"), num(s, "p5"), num(s, "p95"),
					in->stems[d], rev);
		}
		fputs("\n\n", f);
		eb_plot_label(names[j], sizeof(names[j]), v[j]);
		np[j] = names[j];
	}
}

static bool draw_trend(struct eb_plot *p, const struct eb_plot_kind *k,
		       const struct eb_plot_input *in, char *err, size_t size)
{
	const json_t *v[EB_PLOT_MAXV];
	size_t nv = series(in, v, false);

	if (!one_unit(in, in->stems, err, size))
		return false;
	if (!nv) {
		snprintf(err, size, "trend: nothing to plot (check --variants)");
		return false;
	}

	const char *unit = str(v[0], "unit"), *np[EB_PLOT_MAXV];
	char data[128], title[512], tier[256], out[512];
	char (*names)[256] = calloc(nv, sizeof(*names));
	FILE *f = eb_plot_data(p, data, sizeof(data));

	if (!names)
		abort();
	write_points(f, in, v, nv, names, np);
	fclose(f);
	eb_plot_tier(tier, sizeof(tier), v[0]);
	snprintf(title, sizeof(title), "trend over %zu results files: %s, "
		 "unit %s, median and p5-p95", in->n, tier, unit);
	snprintf(out, sizeof(out), "%s-%s", k->name, unit);
	struct eb_plot_meta m = { .data = data, .stem = out, .title = title,
				  .unit = unit, .names = np, .n = nv,
				  .files = in->n };
	bool ok = eb_plot_draw(p, k->script, &m, err, size);
	free(names);
	return ok;
}

EB_PLOT_KIND(trend) = {
	.name = "trend",
	.summary = "median, p5-p95 per variant (e.g. one per commit)",
	.script = "trend.gp",
	.inputs = EB_PLOT_SERIES,
	.check = check_trend,
	.draw = draw_trend,
};
