/* SPDX-License-Identifier: MIT */
/*
 * compare: BASE NEW, per unit, NEW / BASE of each variant both have, with
 * the distribution-free interval of its Hodges-Lehmann ratio that compare
 * judges by (exact counts have none; too few trials for alpha draw no
 * bar); plots/compare.gp.  Two files compare as `entrybench compare`
 * compares them (eb_check_comparable).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "plot/gnuplot_run.h"
#include "plot/select.h"
#include "results/compare.h"
#include "results/results.h"

/* Refused as `compare` and `gate` refuse it; a note (if any) on stderr. */
static bool check_compare(const struct eb_plot_input *in, char *err, size_t size)
{
	if (!eb_check_comparable(in->docs[0], in->paths[0], in->docs[1],
				 in->paths[1], in->force, err, size))
		return false;
	if (*err)
		fprintf(stderr, "plot: %s\n", err);
	return true;
}

/* One row per variant of v in both files: label, ratio, interval.  Rows written. */
static size_t write_ratios(FILE *f, const json_t *const *v, size_t n,
			   const json_t *base, const json_t *new, const char *unit)
{
	struct eb_compare_opts o = { .t = EB_THRESHOLDS_DEFAULT,
				     .paired = eb_abba_arms(base, new) };
	bool exact = strcmp(unit, "insns") == 0;
	char name[256];
	size_t rows = 0;

	for (size_t i = 0; i < n; i++) {
		const json_t *w = eb_results_same_variant(new, v[i]);
		if (!w || strcmp(str(w, "unit"), unit) != 0)
			continue;
		struct eb_change c = eb_compare_variant(v[i], w, &o);
		if (isnan(c.ratio))
			continue;
		eb_plot_label(name, sizeof(name), v[i]);
		bool bar = !exact && c.verdict != EB_IMPOSSIBLE;
		fprintf(f, "%s\t%.17g\t%.17g\t%.17g\n", name, c.ratio,
			bar ? c.lo : c.ratio, bar ? c.hi : c.ratio);
		rows++;
	}
	return rows;
}

static bool draw_compare(struct eb_plot *p, const struct eb_plot_kind *k,
			 const struct eb_plot_input *in, char *err, size_t size)
{
	const json_t *base = in->docs[0], *new = in->docs[1];
	const char *u[8];
	size_t nu = eb_plot_units(base, u, 8);
	char stem[600];

	snprintf(stem, sizeof(stem), "%s-%s-vs-%s", k->name, in->stems[1],
		 in->stems[0]);
	for (size_t i = 0; i < nu; i++) {
		const json_t *v[EB_PLOT_MAXV];
		char left[256], data[128], title[800], out[700], ylabel[256];
		size_t n = eb_plot_select_unit(in, base, u[i], v, left, sizeof(left));
		FILE *f = eb_plot_data(p, data, sizeof(data));
		size_t rows = write_ratios(f, v, n, base, new, u[i]);

		fclose(f);
		if (!rows)
			continue;
		eb_plot_title(title, sizeof(title), stem, "", v[0], left);
		snprintf(ylabel, sizeof(ylabel), strcmp(u[i], "insns") == 0 ?
			 "new / base %s (exact)" :
			 "new / base %s: Hodges-Lehmann ratio, %g%% interval",
			 u[i], 100 * (1 - 2 * EB_THRESHOLDS_DEFAULT.alpha));
		snprintf(out, sizeof(out), "%s-%s", stem, u[i]);
		struct eb_plot_meta m = { .data = data, .stem = out, .title = title,
					  .unit = u[i], .ylabel = ylabel, .n = rows };
		if (!eb_plot_draw(p, k->script, &m, err, size))
			return false;
	}
	return true;
}

EB_PLOT_KIND(compare) = {
	.name = "compare",
	.summary = "NEW / BASE per variant with its interval",
	.script = "compare.gp",
	.inputs = EB_PLOT_TWO_FILES,
	.check = check_compare,
	.draw = draw_compare,
};
