/* SPDX-License-Identifier: MIT */
/*
 * Plots: the controller writes each plot's data (TSV) and a small gnuplot
 * "meta" file (paths, titles, names) to a scratch directory, and runs
 * `gnuplot -c plots/<kind>.gp META` (an argv, no shell).  Every plot is
 * written as PNG and SVG.  One plot never holds two units.  What each kind
 * of plot shows is in plot/<kind>.c (plot/kind.h).
 */
#ifndef EB_GNUPLOT_H
#define EB_GNUPLOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct eb_plot {
	char scripts[4096];	/* directory of the .gp files */
	char gnuplot[4096];	/* resolved gnuplot binary */
	const char *outdir;
	char tmp[64];		/* scratch directory */
	unsigned seq;		/* scratch files made */
};

/*
 * scripts: --scripts, else $ENTRYBENCH_PLOTS_DIR, else the source tree's
 * plots/.  Makes outdir and checks that it takes files.  False with the
 * reason in err.
 */
bool eb_plot_open(struct eb_plot *p, const char *scripts, const char *outdir,
		  char *err, size_t size);
void eb_plot_close(struct eb_plot *p);

#endif
