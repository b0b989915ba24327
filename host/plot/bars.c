/* SPDX-License-Identifier: MIT */
/*
 * bars: per file and unit, the median of each variant with its p5-p95
 * range, grouped by family (plot/select.h: eb_plot_group) and coloured by
 * it with a legend; a log scale when the medians span more than 50x
 * (plots/bars.gp).
 */
#include <string.h>

#include "plot/gnuplot_run.h"
#include "plot/select.h"
#include "results/results.h"

/* The legend: one entry per family group of v[0..n), in their order. */
struct legend {
	struct eb_plot_group g[32];
	const char *label[32], *colour[32];
	size_t n;
};

/* Key (1-based) of v's group in l, added when new: rows come sorted by group. */
static size_t key_of(struct legend *l, const json_t *v)
{
	struct eb_plot_group g = eb_plot_group(v);

	if (l->n && strcmp(l->g[l->n - 1].label, g.label) == 0)
		return l->n;
	if (l->n == sizeof(l->g) / sizeof(*l->g))
		return l->n;	/* 32 families: the last one takes the rest */
	l->g[l->n] = g;
	l->label[l->n] = l->g[l->n].label;
	l->colour[l->n] = g.colour;
	return ++l->n;
}

/* One row per variant: label, median, p5, p95, key, trials. */
static void write_rows(FILE *f, const json_t *const *v, size_t n,
		       struct legend *l)
{
	char name[256];

	for (size_t i = 0; i < n; i++) {
		const json_t *s = json_object_get(v[i], "summary");
		eb_plot_label(name, sizeof(name), v[i]);
		fprintf(f, "%s\t%.17g\t%.17g\t%.17g\t%zu\t%lld\n", name,
			num(s, "median"), num(s, "p5"), num(s, "p95"),
			key_of(l, v[i]), json_integer_value(json_object_get(s, "n")));
	}
}

static bool draw_bars(struct eb_plot *p, const struct eb_plot_kind *k,
		      const struct eb_plot_input *in, char *err, size_t size)
{
	const char *stem = in->stems[0], *u[8];
	size_t nu = eb_plot_units(in->docs[0], u, 8);
	char caption[600];

	eb_plot_caption(caption, sizeof(caption), in->docs[0]);
	for (size_t i = 0; i < nu; i++) {
		const json_t *v[EB_PLOT_MAXV];
		struct legend l = { .n = 0 };
		char left[256], data[128], title[800], out[512];
		size_t n = eb_plot_select_unit(in, in->docs[0], u[i], v, left,
					       sizeof(left));
		FILE *f = eb_plot_data(p, data, sizeof(data));

		write_rows(f, v, n, &l);
		fclose(f);
		if (!n)
			continue;
		eb_plot_title(title, sizeof(title), stem, "", v[0], left);
		snprintf(out, sizeof(out), "%s-%s-%s", stem, k->name, u[i]);
		struct eb_plot_meta m = { .data = data, .stem = out, .title = title,
					  .caption = caption, .unit = u[i], .n = n,
					  .keys = l.label, .colours = l.colour,
					  .nkeys = l.n };
		if (!eb_plot_draw(p, k->script, &m, err, size))
			return false;
	}
	return true;
}

EB_PLOT_KIND(bars) = {
	.name = "bars",
	.summary = "median per variant with p5-p95 bars, grouped by family",
	.script = "bars.gp",
	.inputs = EB_PLOT_EACH_FILE,
	.by_default = true,
	.draw = draw_bars,
};
