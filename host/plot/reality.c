/* SPDX-License-Identifier: MIT */
/*
 * reality: BENCH LINUX, each bench-kernel model beside the Linux probe
 * that names it (results/reality.h), in every reference column of the
 * linux file, on a log scale with the ratio; plots/reality.gp.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "plot/gnuplot_run.h"
#include "plot/select.h"
#include "results/compare.h"
#include "results/reality.h"
#include "results/results.h"

/* A bench-kernel file first, a linux-tier file second, both counting. */
static bool check_reality(const struct eb_plot_input *in, char *err, size_t size)
{
	if (eb_reality_pair(in->docs[0], in->docs[1], err, size))
		return true;
	if (!*err)
		snprintf(err, size, "%s and %s: --kind reality takes a bench-kernel "
			 "file (tcg) and a linux-tier file (run --guest linux)",
			 in->paths[0], in->paths[1]);
	return false;
}

static double median(const json_t *v)
{
	const json_t *s = json_object_get(v, "summary");
	return json_is_object(s) ? num(s, "median") : NAN;
}

/* label "probe (column) / model", model, real, ratio; rows written. */
static size_t write_pairs(FILE *f, const json_t *model, const json_t *real)
{
	const char *col[8];
	size_t ncol, rows = 0;
	struct eb_reality_row *r;
	size_t n = eb_reality_rows(model, real, col, &ncol, &r);

	for (size_t i = 0; i < n; i++)
		for (size_t c = 0; c < ncol; c++) {
			double m = median(r[i].model), x = median(r[i].real[c]);
			if (isnan(m) || isnan(x) || m <= 0)
				continue;
			fprintf(f, "%s (%s) / %s\t%.17g\t%.17g\t%.17g\n", r[i].probe,
				col[c], r[i].peer, m, x, x / m);
			rows++;
		}
	free(r);
	return rows;
}

static bool draw_reality(struct eb_plot *p, const struct eb_plot_kind *k,
			 const struct eb_plot_input *in, char *err, size_t size)
{
	char data[128], title[800], stem[600], caption[600];
	FILE *f = eb_plot_data(p, data, sizeof(data));
	size_t rows = write_pairs(f, in->docs[0], in->docs[1]);

	fclose(f);
	if (!rows) {
		snprintf(err, size, "%s: no probe with a figure names a model of %s",
			 in->paths[1], in->paths[0]);
		return false;
	}
	snprintf(stem, sizeof(stem), "%s-%s-vs-%s", k->name, in->stems[1],
		 in->stems[0]);
	snprintf(title, sizeof(title), "%s: model (tier %s) against reality "
		 "(tier %s), unit insns", stem, eb_results_tier(in->docs[0]),
		 eb_results_tier(in->docs[1]));
	eb_plot_caption(caption, sizeof(caption), in->docs[1]);
	struct eb_plot_meta m = { .data = data, .stem = stem, .title = title,
				  .caption = caption, .unit = "insns", .ylabel = "insns per round "
				  "trip (median; log scale)", .n = rows };
	return eb_plot_draw(p, k->script, &m, err, size);
}

EB_PLOT_KIND(reality) = {
	.name = "reality",
	.summary = "each bench-kernel model beside its Linux probe (BENCH LINUX)",
	.script = "reality.gp",
	.inputs = EB_PLOT_TWO_FILES,
	.check = check_reality,
	.draw = draw_reality,
};
