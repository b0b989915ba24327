/* SPDX-License-Identifier: MIT */
/*
 * bars: per file and unit, the median of each variant with its p5-p95
 * range; the modes are told apart by colour (plots/bars.gp).
 */
#include <string.h>

#include "plot/gnuplot_run.h"
#include "plot/select.h"
#include "results/results.h"

/* One row per variant: label, median, p5, p95, mode number, trials. */
static void write_rows(FILE *f, const json_t *const *v, size_t n)
{
	char name[256];
	int mode = 0;

	for (size_t i = 0; i < n; i++) {
		const json_t *s = json_object_get(v[i], "summary");
		if (i == 0 || strcmp(eb_variant_where(v[i]),
				     eb_variant_where(v[i - 1])) != 0)
			mode++;
		eb_plot_label(name, sizeof(name), v[i]);
		fprintf(f, "%s\t%.17g\t%.17g\t%.17g\t%d\t%lld\n", name,
			num(s, "median"), num(s, "p5"), num(s, "p95"), mode,
			json_integer_value(json_object_get(s, "n")));
	}
}

static bool draw_bars(struct eb_plot *p, const struct eb_plot_kind *k,
		      const struct eb_plot_input *in, char *err, size_t size)
{
	const char *stem = in->stems[0], *u[8];
	size_t nu = eb_plot_units(in->docs[0], u, 8);

	for (size_t i = 0; i < nu; i++) {
		const json_t *v[EB_PLOT_MAXV];
		char left[256], data[128], title[800], out[512];
		size_t n = eb_plot_select_unit(in, in->docs[0], u[i], v, left,
					       sizeof(left));
		FILE *f = eb_plot_data(p, data, sizeof(data));

		write_rows(f, v, n);
		fclose(f);
		if (!n)
			continue;
		eb_plot_title(title, sizeof(title), stem, "", v[0], left);
		snprintf(out, sizeof(out), "%s-%s-%s", stem, k->name, u[i]);
		struct eb_plot_meta m = { .data = data, .stem = out, .title = title,
					  .unit = u[i], .n = n };
		if (!eb_plot_draw(p, k->script, &m, err, size))
			return false;
	}
	return true;
}

EB_PLOT_KIND(bars) = {
	.name = "bars",
	.summary = "median per variant with p5-p95 bars",
	.script = "bars.gp",
	.inputs = EB_PLOT_EACH_FILE,
	.by_default = true,
	.draw = draw_bars,
};
