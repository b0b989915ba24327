/* SPDX-License-Identifier: MIT */
/*
 * Plots: the controller writes each plot's data (TSV) and a small gnuplot
 * "meta" file (paths, titles, names) to a scratch directory, and runs
 * `gnuplot -c plots/<kind>.gp META` (an argv, no shell).  Every plot is
 * written as PNG and SVG.  One plot never holds two units.
 */
#ifndef EB_PLOT_H
#define EB_PLOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

struct eb_plot {
	char scripts[4096];	/* directory of the .gp files */
	char gnuplot[4096];	/* resolved gnuplot binary */
	const char *outdir;
	char tmp[64];		/* scratch directory */
	unsigned seq;		/* scratch files made */
	const char *const *variants;	/* --variants, or NULL/0 for all */
	size_t nvariants;
};

/*
 * scripts: --scripts, else $ENTRYBENCH_PLOTS_DIR, else the source tree's
 * plots/.  Makes outdir and checks that it takes files.  False with the
 * reason in err.
 */
bool eb_plot_open(struct eb_plot *p, const char *scripts, const char *outdir,
		  char *err, size_t size);
void eb_plot_close(struct eb_plot *p);

/*
 * Each returns false with the reason (gnuplot's own message) in err.  Every
 * string reaches gnuplot single-quoted: no `command` substitution.
 */
/*
 * Before any gnuplot runs: does every --variants name a variant of some
 * file, and has some file a variant with a figure (a passing trial)?  A
 * torture has verdicts only.  paths[i] names docs[i] in err.
 */
bool eb_plot_check(const json_t *const *docs, const char *const *paths,
		   size_t n, const char *const *variants, size_t nvariants,
		   char *err, size_t size);
bool eb_plot_bars(struct eb_plot *p, const json_t *res, const char *stem,
		  char *err, size_t size);
bool eb_plot_dist(struct eb_plot *p, const json_t *res, const char *stem,
		  char *err, size_t size);
bool eb_plot_compare(struct eb_plot *p, const json_t *base, const json_t *new,
		     const char *stem, char *err, size_t size);
/*
 * Before any gnuplot runs: can these files make a trend?  One unit of one
 * tier and something to draw; a chosen variant no file has a passing trial of is left out, said
 * on stderr.  paths[i] names docs[i] in err.
 */
bool eb_plot_trend_check(const json_t *const *docs,
			 const char *const *paths, size_t n,
			 const char *const *variants, size_t nvariants,
			 char *err, size_t size);
/* labels[i] names docs[i] on the x axis; variants NULL means all. */
bool eb_plot_trend(struct eb_plot *p, const json_t *const *docs,
		   const char *const *labels, size_t n,
		   const char *const *variants, size_t nvariants,
		   char *err, size_t size);

#endif
