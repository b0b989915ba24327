/* SPDX-License-Identifier: MIT */
/*
 * heatmap: a linux-tier file as its matrix, Linux probe x column (CPU
 * model and kernel command line), each cell the probe's median and its
 * change against the same CPU's first column, which the colour shows
 * (plots/heatmap.gp): which boot options change which entry paths.  One
 * file, one tier, one unit.  Several files' variants x tiers: tiers.c.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "plot/gnuplot_run.h"
#include "plot/select.h"
#include "results/compare.h"
#include "results/results.h"

#define MAXCOLS	64

/* The columns of a linux file, in the order run measured them. */
static size_t columns(const json_t *res, const char **col, const char **cpu)
{
	const json_t *cols = json_object_get(json_object_get(
		json_object_get(res, "environment"), "linux"), "columns");
	const char *key;
	json_t *c;
	size_t n = 0;

	json_object_foreach((json_t *)cols, key, c) {
		if (n == MAXCOLS)
			break;
		col[n] = key;
		cpu[n++] = str(c, "cpu");
	}
	return n;
}

static const char *refuses_heatmap(const json_t *res, char *buf, size_t size)
{
	const char *col[MAXCOLS], *cpu[MAXCOLS];

	if (columns(res, col, cpu) > 0)
		return NULL;
	snprintf(buf, size, "tier %s has no columns: the heatmap is a linux-tier "
		 "file's probes x kernel command lines (run --guest linux); "
		 "several files' variants x tiers are --kind tiers",
		 eb_results_tier(res));
	return buf;
}

/* Index of the first column of cpu[c]'s CPU: what column c is set against. */
static size_t reference(const char *const *cpu, size_t c)
{
	size_t r = 0;
	while (strcmp(cpu[r], cpu[c]) != 0)
		r++;
	return r;
}

/* Cells: column, row, change against the reference in %, median. */
static void write_cells(FILE *f, const json_t *res, const json_t *const *row,
			size_t nrows, const char *const *col, const char *const *cpu,
			size_t ncols)
{
	for (size_t r = 0; r < nrows; r++)
		for (size_t c = 0; c < ncols; c++) {
			const char *name = str(row[r], "name"), *mode = str(row[r], "mode");
			double x = eb_plot_median(eb_results_column_variant(res, name,
						  mode, col[c]));
			double ref = eb_plot_median(eb_results_column_variant(res,
						    name, mode, col[reference(cpu, c)]));
			if (isnan(x))
				continue;	/* no figure: an empty cell */
			fprintf(f, "%zu\t%zu\t%.17g\t%.17g\n", c, r,
				isnan(ref) ? 0 : 100 * (x / ref - 1), x);
		}
}

/* The distinct CPUs' first columns, "amd, intel", for the colour bar. */
static void references(char *out, size_t size, const char *const *col,
		       const char *const *cpu, size_t ncols)
{
	size_t len = 0;

	*out = '\0';
	for (size_t c = 0; c < ncols && len < size; c++)
		if (reference(cpu, c) == c)
			len += snprintf(out + len, size - len, "%s%s", len ? ", " : "",
					col[c]);
}

static bool draw_heatmap(struct eb_plot *p, const struct eb_plot_kind *k,
			 const struct eb_plot_input *in, char *err, size_t size)
{
	const json_t *row[EB_PLOT_MAXV];
	const char *col[MAXCOLS], *cpu[MAXCOLS], *names[EB_PLOT_MAXV];
	size_t nrows = eb_plot_rows(in, row), ncols = columns(in->docs[0], col, cpu);
	char data[128], title[800], out[512], caption[600], refs[512], cb[700];
	FILE *f = eb_plot_data(p, data, sizeof(data));

	write_cells(f, in->docs[0], row, nrows, col, cpu, ncols);
	fclose(f);
	if (!nrows)
		return true;
	for (size_t r = 0; r < nrows; r++)
		names[r] = str(row[r], "name");
	eb_plot_caption(caption, sizeof(caption), in->docs[0]);
	eb_plot_title(title, sizeof(title), in->stems[0], "Linux probe x kernel "
		      "command line, median per round trip and its change, ",
		      row[0], "");
	references(refs, sizeof(refs), col, cpu, ncols);
	snprintf(cb, sizeof(cb), "change against the same CPU's first column "
		 "(%s), %%", refs);
	snprintf(out, sizeof(out), "%s-%s-%s", in->stems[0], k->name,
		 str(row[0], "unit"));
	struct eb_plot_meta m = { .data = data, .stem = out, .title = title,
				  .caption = caption, .unit = str(row[0], "unit"),
				  .ylabel = cb, .names = names, .n = nrows,
				  .keys = col, .nkeys = ncols };
	return eb_plot_draw(p, k->script, &m, err, size);
}

EB_PLOT_KIND(heatmap) = {
	.name = "heatmap",
	.summary = "a linux-tier file: probe x command line, change coloured",
	.script = "heatmap.gp",
	.inputs = EB_PLOT_EACH_FILE,
	.by_default = true,
	.refuses = refuses_heatmap,
	.draw = draw_heatmap,
};
