/* SPDX-License-Identifier: MIT */
/*
 * Plot kinds.  A kind is what one `entrybench plot --kind K` draws: which
 * files it takes, what it checks before gnuplot runs, the TSV it writes and
 * the script in plots/ that draws it.  Each kind is one file in this folder
 * that registers itself with
 *
 *	EB_PLOT_KIND(bars) = {
 *		.name = "bars",
 *		.summary = "median per variant with p5-p95 bars",
 *		.script = "bars.gp",
 *		.inputs = EB_PLOT_EACH_FILE,
 *		.by_default = true,
 *		.draw = draw_bars,
 *	};
 *
 * which places a pointer in the "eb_plot_kind_ptrs" linker section.
 * cli/plot.c walks the registry for --kind's choices and default, the
 * kinds in its usage, the number of files each takes and the checks, so
 * adding a kind is adding its file here and its script in plots/, and
 * nothing else.  plot/select.h has the helpers the kinds share.
 */
#ifndef EB_PLOT_KIND_H
#define EB_PLOT_KIND_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "plot/gnuplot.h"

/* The files a kind draws from. */
enum eb_plot_inputs {
	EB_PLOT_EACH_FILE,	/* every file on its own */
	EB_PLOT_TWO_FILES,	/* exactly two, BASE NEW */
	EB_PLOT_SERIES,		/* all of them, in order (e.g. one per commit) */
};

/* The files named on the command line, and what the options chose. */
struct eb_plot_input {
	const json_t *const *docs;
	const char *const *paths;	/* paths[i] names docs[i] in messages */
	const char *const *stems;	/* ... in figure names and axis labels */
	size_t n;
	const char *const *variants;	/* --variants; nvariants 0 means all */
	size_t nvariants;
	bool force;			/* --force: BASE and NEW may come from
					   different environments */
};

struct eb_plot_kind {
	const char *name;		/* as --kind takes it */
	const char *summary;		/* what a figure shows, for --help */
	const char *script;		/* the gnuplot script in plots/ */
	enum eb_plot_inputs inputs;
	bool by_default;		/* drawn when --kind is not given */

	/*
	 * Before any gnuplot runs, after eb_plot_check(): can these files
	 * make this kind?  False with why in err (exit 2).  NULL: they can.
	 */
	bool (*check)(const struct eb_plot_input *in, char *err, size_t size);

	/*
	 * EB_PLOT_EACH_FILE: can this kind draw the results file res at all
	 * (dist: a distribution, not exact counts; heatmap: columns)?  NULL
	 * when it can, else why not, possibly in buf.  A file refused is
	 * skipped, saying why, in the default set; named with --kind, a kind
	 * that can draw none of the files is exit 2.  NULL pointer: any file.
	 */
	const char *(*refuses)(const json_t *res, char *buf, size_t size);

	/*
	 * Draws in (one file for EB_PLOT_EACH_FILE, else every file) with
	 * k->script.  False with gnuplot's message in err.
	 */
	bool (*draw)(struct eb_plot *p, const struct eb_plot_kind *k,
		     const struct eb_plot_input *in, char *err, size_t size);
};

/*
 * Pointers, not descriptors, for the reason given in lib/command.h.  The
 * section is not named like any function: the assembler would take a call
 * of eb_plot_kinds() in a file that also registers a kind for the section.
 */
#define EB_PLOT_KIND(id)						\
	static const struct eb_plot_kind eb_plot_kind_##id;		\
	static const struct eb_plot_kind *const eb_plot_kind_ptr_##id	\
	__attribute__((used, section("eb_plot_kind_ptrs"))) =		\
		&eb_plot_kind_##id;					\
	static const struct eb_plot_kind eb_plot_kind_##id

/*
 * Every kind linked in, *n of them, in the order --help lists and plot
 * draws them: the kinds of each file, then of two files, then of a series;
 * by name within each.  At most 32 (--kind is a bit set).
 */
const struct eb_plot_kind *const *eb_plot_kinds(size_t *n);

/* What --kind takes: the kinds' names in that order, NULL-terminated. */
const char *const *eb_plot_kind_names(void);

/* --kind's default: bit i set for each kind i drawn by default. */
unsigned eb_plot_kind_defaults(void);

/* "each file", "two files, BASE NEW", ...: for --help. */
const char *eb_plot_inputs_text(enum eb_plot_inputs inputs);

/* Does k take nfiles files?  If not, false with why in err. */
bool eb_plot_kind_takes(const struct eb_plot_kind *k, size_t nfiles,
			char *err, size_t size);

/*
 * Before any gnuplot runs, for every kind: does every --variants name a
 * variant of some file, and has some file a variant with a figure (a
 * passing trial)?  A torture has verdicts only.
 */
bool eb_plot_check(const struct eb_plot_input *in, char *err, size_t size);

#endif
