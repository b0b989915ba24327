/* SPDX-License-Identifier: MIT */
/*
 * trend: the files in order (e.g. one per commit) as one chart: a line
 * per variant, its median and p5-p95 in each file over its median in the
 * first file that has it, so that variants of 4 and 400 instructions
 * share one axis; each x tic names its file and the revision it measured
 * (plots/trend.gp).  Without --variants only the variants that moved are
 * lines (the 10 that moved most), the others one line at 1.  The series
 * holds one unit of one tier: the same axis means the same thing
 * throughout.
 */
#include <math.h>
#include <stdio.h>
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

/* A variant of the series: how much it moves, and its legend entry. */
struct line {
	const json_t *v;
	double first, last;	/* medians in the first and last file with one */
	double far;		/* the median furthest from first */
	double moved;		/* max |ln(median / first)| over the files */
	char label[300];
};

static void measure(const struct eb_plot_input *in, struct line *l)
{
	char name[256];

	l->first = l->last = NAN;
	l->moved = 0;
	for (size_t d = 0; d < in->n; d++) {
		double x = eb_plot_median(eb_results_same_variant(in->docs[d], l->v));
		if (isnan(x))
			continue;
		if (isnan(l->first))
			l->first = l->far = x;
		l->last = x;
		if (fabs(log(x / l->first)) > l->moved) {
			l->moved = fabs(log(x / l->first));
			l->far = x;
		}
	}
	eb_plot_label(name, sizeof(name), l->v);
	int len = snprintf(l->label, sizeof(l->label), "%s: %.6g -> %.6g", name,
			   l->first, l->last);
	if (l->far != l->first && l->far != l->last && len > 0)
		snprintf(l->label + len, sizeof(l->label) - len, " (%.6g between)",
			 l->far);
}

static int by_moved_down(const void *a, const void *b)
{
	const struct line *x = a, *y = b;
	return x->moved < y->moved ? 1 : x->moved > y->moved ? -1 : 0;
}

/*
 * Which lines to draw: all that --variants chose, else those that moved
 * more than a count's rounding or, for cycles, compare's 0.5 % tolerance,
 * the MAXLINES that moved most; sorts l so.  *still gets how many did
 * not move (drawn as one line at 1), *more those that moved but are left out.
 */
#define MAXLINES	10

static size_t choose(const struct eb_plot_input *in, struct line *l, size_t n,
		     const char *unit, size_t *still, size_t *more)
{
	double tol = eb_plot_exact(unit) ? 1e-9 : log(1.005);
	size_t moved = 0;

	qsort(l, n, sizeof(*l), by_moved_down);
	while (moved < n && l[moved].moved > tol)
		moved++;
	if (in->nvariants) {
		*still = *more = 0;
		return n;
	}
	*still = n - moved;
	*more = moved > MAXLINES ? moved - MAXLINES : 0;
	return moved - *more;
}

/* A row per file that has a figure of l: file, median, p5, p95 over l's first median. */
static void write_line(FILE *f, const struct eb_plot_input *in,
		       const struct line *l)
{
	for (size_t d = 0; d < in->n; d++) {
		const json_t *s = json_object_get(eb_results_same_variant(
			in->docs[d], l->v), "summary");
		char rev[64];
		/* Hex digits and "+dirty" only: no tab, no quote. */
		if (!eb_provenance_revision(in->docs[d], rev, sizeof(rev)))
			snprintf(rev, sizeof(rev), "-");
		if (json_is_object(s))
			fprintf(f, "%zu\t%.17g\t%.17g\t%.17g\t%s\t%s\n", d,
				num(s, "median") / l->first, num(s, "p5") / l->first,
				num(s, "p95") / l->first, in->stems[d], rev);
	}
	fputs("\n\n", f);	/* gnuplot: next index */
}

/* The variants that did not move: one line at 1 through every file. */
static void write_still(FILE *f, const struct eb_plot_input *in)
{
	for (size_t d = 0; d < in->n; d++) {
		char rev[64];
		if (!eb_provenance_revision(in->docs[d], rev, sizeof(rev)))
			snprintf(rev, sizeof(rev), "-");
		fprintf(f, "%zu\t1\t1\t1\t%s\t%s\n", d, in->stems[d], rev);
	}
	fputs("\n\n", f);
}

static const char *const palette[MAXLINES + 1] = {
	"#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00",
	"#56b4e9", "#000000", "#8c564b", "#bcbd22", "#7f7f7f", "#bbbbbb",
};

/* The data, legend and colours of the lines drawn; how many entries. */
static size_t write_lines(FILE *f, const struct eb_plot_input *in,
			  const struct line *l, size_t nl, size_t still,
			  char *still_label, const char **names, const char **colours)
{
	size_t n = 0;

	for (size_t i = 0; i < nl; i++, n++) {
		write_line(f, in, &l[i]);
		names[n] = l[i].label;
		colours[n] = palette[i < MAXLINES ? i : MAXLINES - 1];
	}
	if (still) {
		write_still(f, in);
		names[n] = still_label;
		colours[n++] = palette[MAXLINES];
	}
	return n;
}

static bool draw_trend(struct eb_plot *p, const struct eb_plot_kind *k,
		       const struct eb_plot_input *in, char *err, size_t size)
{
	const json_t *v[EB_PLOT_MAXV];
	size_t nv = series(in, v, false), still, more;

	if (!one_unit(in, in->stems, err, size))
		return false;
	if (!nv) {
		snprintf(err, size, "trend: nothing to plot (check --variants)");
		return false;
	}

	const char *unit = str(v[0], "unit"), *names[EB_PLOT_MAXV + 1];
	const char *colours[EB_PLOT_MAXV + 1];
	char data[128], title[700], tier[256], out[512], caption[600], sl[128];
	struct line *l = calloc(nv, sizeof(*l));

	if (!l)
		abort();
	for (size_t i = 0; i < nv; i++) {
		l[i].v = v[i];
		measure(in, &l[i]);
	}
	size_t nl = choose(in, l, nv, unit, &still, &more);
	snprintf(sl, sizeof(sl), "unchanged: %zu variant%s", still,
		 still == 1 ? "" : "s");
	FILE *f = eb_plot_data(p, data, sizeof(data));
	size_t n = write_lines(f, in, l, nl, still, sl, names, colours);
	fclose(f);
	eb_plot_tier(tier, sizeof(tier), v[0]);
	snprintf(title, sizeof(title), "trend over %zu results files: %s, unit %s; "
		 "each variant's median (p5-p95) over its first%s", in->n, tier,
		 unit, more ? "; the 10 that moved most" : "");
	if (more)
		snprintf(title + strlen(title), sizeof(title) - strlen(title),
			 " (%zu more moved: --variants chooses)", more);
	eb_plot_caption(caption, sizeof(caption), in->docs[in->n - 1]);
	snprintf(out, sizeof(out), "%s-%s", k->name, unit);
	struct eb_plot_meta m = { .data = data, .stem = out, .title = title,
				  .caption = caption, .unit = unit,
				  .ylabel = "median / the variant's median in its "
				  "first file", .names = names, .n = n,
				  .files = in->n, .keys = names, .colours = colours,
				  .nkeys = n };
	bool ok = eb_plot_draw(p, k->script, &m, err, size);
	free(l);
	return ok;
}

EB_PLOT_KIND(trend) = {
	.name = "trend",
	.summary = "each variant's median over its first, one chart "
		   "(e.g. one file per commit)",
	.script = "trend.gp",
	.inputs = EB_PLOT_SERIES,
	.check = check_trend,
	.draw = draw_trend,
};
