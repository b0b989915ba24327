/* SPDX-License-Identifier: MIT */
/*
 * dist: per file and unit, every trial's value of each variant, one box
 * per variant (plots/dist.gp): the spread the medians of bars hide.  Only
 * where there is a spread: exact counts (insns) are the same number in
 * every trial, and a panel of one dot per variant shows nothing.
 */
#include <stdio.h>
#include <stdlib.h>

#include "plot/gnuplot_run.h"
#include "plot/select.h"
#include "results/compare.h"
#include "results/results.h"

/* One gnuplot index (block) per variant of its trial values; names[i] its label. */
static void write_values(FILE *f, const json_t *const *v, size_t n,
			 char (*names)[256], const char **np)
{
	for (size_t i = 0; i < n; i++) {
		double *x;
		size_t m = eb_trial_values(v[i], &x);
		for (size_t j = 0; j < m; j++)
			fprintf(f, "%.17g\n", x[j]);
		fputs("\n\n", f);	/* gnuplot: next index */
		free(x);
		eb_plot_label(names[i], sizeof(names[i]), v[i]);
		np[i] = names[i];
	}
}

/* The figure of one unit of in's file. */
static bool draw_unit(struct eb_plot *p, const struct eb_plot_kind *k,
		      const struct eb_plot_input *in, const char *unit,
		      char *err, size_t size)
{
	const char *stem = in->stems[0], *np[EB_PLOT_MAXV];
	const json_t *v[EB_PLOT_MAXV];
	char left[256], data[128], title[800], out[512];
	size_t n = eb_plot_select_unit(in, in->docs[0], unit, v, left,
				       sizeof(left));
	char (*names)[256] = calloc(n + 1, sizeof(*names));
	FILE *f = eb_plot_data(p, data, sizeof(data));
	bool ok = true;

	if (!names)
		abort();
	write_values(f, v, n, names, np);
	fclose(f);
	if (n) {
		char caption[600];
		eb_plot_caption(caption, sizeof(caption), in->docs[0]);
		eb_plot_title(title, sizeof(title), stem, "per-trial values, ",
			      v[0], left);
		snprintf(out, sizeof(out), "%s-%s-%s", stem, k->name, unit);
		struct eb_plot_meta m = { .data = data, .stem = out, .title = title,
					  .caption = caption, .unit = unit,
					  .names = np, .n = n };
		ok = eb_plot_draw(p, k->script, &m, err, size);
	}
	free(names);
	return ok;
}

static bool draw_dist(struct eb_plot *p, const struct eb_plot_kind *k,
		      const struct eb_plot_input *in, char *err, size_t size)
{
	const char *u[8];
	size_t nu = eb_plot_units(in->docs[0], u, 8);

	for (size_t i = 0; i < nu; i++)
		if (!eb_plot_exact(u[i]) && !draw_unit(p, k, in, u[i], err, size))
			return false;
	return true;
}

/* A distribution needs a unit that varies: exact counts have none. */
static const char *refuses_dist(const json_t *res, char *buf, size_t size)
{
	const char *u[8];
	size_t nu = eb_plot_units(res, u, 8);

	for (size_t i = 0; i < nu; i++)
		if (!eb_plot_exact(u[i]))
			return NULL;
	snprintf(buf, size, "tier %s counts %s exactly: every trial is the same "
		 "number, there is no distribution to draw (bars shows the "
		 "counts); dist is for the cycle tiers (kvm, native)",
		 eb_results_tier(res), nu ? u[0] : "insns");
	return buf;
}

EB_PLOT_KIND(dist) = {
	.name = "dist",
	.summary = "every trial's value, a box per variant",
	.script = "dist.gp",
	.inputs = EB_PLOT_EACH_FILE,
	.by_default = true,
	.refuses = refuses_dist,
	.draw = draw_dist,
};
