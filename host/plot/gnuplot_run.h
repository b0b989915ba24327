/* SPDX-License-Identifier: MIT */
/* Between plot/gnuplot.c (running gnuplot) and the kinds, plot/<kind>.c. */
#ifndef EB_GNUPLOT_RUN_H
#define EB_GNUPLOT_RUN_H

#include "plot/gnuplot.h"

struct eb_plot_meta {
	const char *data;		/* the TSV */
	const char *stem;		/* output name without .png/.svg */
	const char *title, *unit, *ylabel;
	const char *caption;		/* the title's second line: eb_plot_caption() */
	const char *const *names;	/* panel titles, names[0..n), or NULL */
	size_t n;			/* rows or panels */
	size_t files;			/* a series: x runs over files 0..files) */
	/* Legend entries (bars, compare) or columns (heatmaps), keys[0..nkeys),
	   and each legend entry's "#rrggbb", or NULL. */
	const char *const *keys, *const *colours;
	size_t nkeys;
};

/* A fresh scratch TSV; path receives its name.  Call before each draw. */
FILE *eb_plot_data(struct eb_plot *p, char *path, size_t size);

/*
 * Runs plots/<script> on the data of the last eb_plot_data().  Every string
 * of m reaches gnuplot single-quoted: no `command` substitution.  False
 * with gnuplot's own message in err.
 */
bool eb_plot_draw(struct eb_plot *p, const char *script,
		  const struct eb_plot_meta *m, char *err, size_t size);

#endif
