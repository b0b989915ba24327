/* SPDX-License-Identifier: MIT */
/*
 * Plots: the controller writes each plot's data (TSV) and a small gnuplot
 * "meta" file (paths, titles, names) to a scratch directory, and runs
 * `gnuplot -c plots/<kind>.gp META` (an argv, no shell).  Every plot is
 * written as PNG and SVG (or one of them: plot --format).  One plot never holds two units.  What each kind
 * of plot shows is in plot/<kind>.c (plot/kind.h).
 */
#ifndef EB_GNUPLOT_H
#define EB_GNUPLOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* plot --format: bit i is eb_plot_formats[i]. */
enum { EB_PLOT_PNG = 1, EB_PLOT_SVG = 2 };
extern const char *const eb_plot_formats[];	/* "png", "svg", NULL */

struct eb_plot {
	char scripts[4096];	/* directory of the .gp files */
	char gnuplot[4096];	/* resolved gnuplot binary */
	const char *outdir;
	unsigned formats;	/* EB_PLOT_PNG | EB_PLOT_SVG: what is written */
	char tmp[64];		/* scratch directory */
	unsigned seq;		/* scratch files made */
};

/*
 * scripts: --scripts, else $ENTRYBENCH_PLOTS_DIR, else the source tree's
 * plots/.  Makes outdir and checks that it takes files.  formats: what
 * each plot is written as.  False with the reason in err.
 */
bool eb_plot_open(struct eb_plot *p, const char *scripts, const char *outdir,
		  unsigned formats, char *err, size_t size);
void eb_plot_close(struct eb_plot *p);

#endif
