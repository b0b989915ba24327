/* SPDX-License-Identifier: MIT */
/*
 * tiers: several results files (e.g. tcg, kvm, native, linux) as one
 * matrix, a row per variant (name, mode), a column per file and, for a
 * linux-tier file, per column of it (plots/tiers.gp).  Each cell is the
 * figure in its own column's unit.  Units are never mixed on one colour
 * scale: the colour is each figure over the cheapest figure of its own
 * column (log scale), a ratio within one tier and unit, so the colour
 * compares the variants' ranks and spreads within each column, and only
 * the written figures carry a unit.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plot/gnuplot_run.h"
#include "plot/select.h"
#include "results/compare.h"
#include "results/results.h"

#define MAXCOLS	64

/* One column: a file, and its linux column or NULL. */
struct column {
	size_t doc;
	const char *col;
	char label[300];
};

/* Two files at least: one file's matrix is its bars (or heatmap). */
static bool check_tiers(const struct eb_plot_input *in, char *err, size_t size)
{
	if (in->n >= 2)
		return true;
	snprintf(err, size, "--kind tiers takes two or more results files (one "
		 "per tier, e.g. tcg, linux, native); for one file: bars, or "
		 "heatmap for a linux-tier file");
	return false;
}

/* The columns of docs[d]: the linux tier's each, else the file. */
static size_t file_columns(const struct eb_plot_input *in, size_t d,
			   struct column *c, size_t room)
{
	const json_t *res = in->docs[d];
	const json_t *cols = json_object_get(json_object_get(
		json_object_get(res, "environment"), "linux"), "columns");
	const char *tier = eb_results_tier(res), *key;
	const char *u[1] = { "?" };
	json_t *x;
	size_t n = 0;

	eb_plot_units(res, u, 1);
	json_object_foreach((json_t *)cols, key, x) {
		if (n == room)
			return n;
		c[n] = (struct column){ .doc = d, .col = key };
		snprintf(c[n++].label, sizeof(c->label), "%s: %s %s, %s",
			 in->stems[d], tier, key, u[0]);
	}
	if (!n && room) {
		c[n] = (struct column){ .doc = d };
		snprintf(c[n++].label, sizeof(c->label), "%s: %s, %s", in->stems[d],
			 tier, u[0]);
	}
	return n;
}

/* The median of row's (name, mode) in column c, NAN if none. */
static double cell(const struct eb_plot_input *in, const struct column *c,
		   const json_t *row)
{
	return eb_plot_median(eb_results_column_variant(in->docs[c->doc],
		str(row, "name"), str(row, "mode"), c->col));
}

/* Cells: column, row, log10(figure / the column's least), figure. */
static void write_cells(FILE *f, const struct eb_plot_input *in,
			const struct column *c, size_t ncols,
			const json_t *const *row, size_t nrows)
{
	for (size_t j = 0; j < ncols; j++) {
		double least = INFINITY;
		for (size_t r = 0; r < nrows; r++)
			least = fmin(least, cell(in, &c[j], row[r]));
		for (size_t r = 0; r < nrows; r++) {
			double x = cell(in, &c[j], row[r]);
			if (!isnan(x) && x > 0)
				fprintf(f, "%zu\t%zu\t%.17g\t%.17g\n", j, r,
					log10(x / least), x);
		}
	}
}

/* "latest: bench kernel of ...; linux: Linux 6.1...; host CPU": each file's kernel. */
static void files_caption(char *out, size_t size, const struct eb_plot_input *in)
{
	const json_t *env = json_object_get(in->docs[0], "environment");
	size_t len = 0;
	char what[400];

	for (size_t d = 0; d < in->n && len < size; d++) {
		eb_plot_measured(what, sizeof(what), in->docs[d]);
		len += snprintf(out + len, size - len, "%s: %s; ", in->stems[d], what);
	}
	if (len < size)
		snprintf(out + len, size - len, "host %s",
			 str(json_object_get(env, "cpu"), "model_name"));
}

static bool draw_tiers(struct eb_plot *p, const struct eb_plot_kind *k,
		       const struct eb_plot_input *in, char *err, size_t size)
{
	const json_t *row[EB_PLOT_MAXV];
	const char *names[EB_PLOT_MAXV], *keys[MAXCOLS];
	struct column *c = calloc(MAXCOLS, sizeof(*c));
	char data[128], title[800], label[300], caption[1200];
	size_t nrows = eb_plot_rows(in, row), ncols = 0;

	if (!c)
		abort();
	for (size_t d = 0; d < in->n; d++)
		ncols += file_columns(in, d, c + ncols, MAXCOLS - ncols);
	FILE *f = eb_plot_data(p, data, sizeof(data));
	write_cells(f, in, c, ncols, row, nrows);
	fclose(f);
	for (size_t r = 0; r < nrows; r++) {
		snprintf(label, sizeof(label), "%s (%s)", str(row[r], "name"),
			 str(row[r], "mode"));
		if (!(names[r] = strdup(label)))
			abort();
	}
	for (size_t j = 0; j < ncols; j++)
		keys[j] = c[j].label;
	snprintf(title, sizeof(title), "variant x tier over %zu results files: "
		 "each cell the median per round trip in its column's unit; "
		 "colour within each column only", in->n);
	files_caption(caption, sizeof(caption), in);
	struct eb_plot_meta m = { .data = data, .stem = k->name, .title = title,
				  .caption = caption, .unit = "",
				  .ylabel = "figure / the least of its column "
				  "(log scale; no unit)", .names = names,
				  .n = nrows, .keys = keys, .nkeys = ncols };
	bool ok = eb_plot_draw(p, k->script, &m, err, size);
	for (size_t r = 0; r < nrows; r++)
		free((char *)names[r]);
	free(c);
	return ok;
}

EB_PLOT_KIND(tiers) = {
	.name = "tiers",
	.summary = "variant x tier: one column per file (and linux column), "
		   "coloured within each column",
	.script = "tiers.gp",
	.inputs = EB_PLOT_SERIES,
	.check = check_tiers,
	.draw = draw_tiers,
};
