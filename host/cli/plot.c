/* SPDX-License-Identifier: MIT */
/*
 * entrybench plot: PNG and SVG figures of results files, drawn by gnuplot
 * from the scripts in plots/.
 *
 *   bars     per file: median per variant with p5-p95 bars
 *   dist     per file: every trial's value, a box per variant
 *   compare  two files: NEW / BASE per variant with its interval
 *   trend    a series of files (e.g. one per commit): chosen variants
 */
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lib/cli.h"
#include "lib/command.h"
#include "lib/options.h"
#include "plot/gnuplot.h"
#include "results/compare.h"
#include "results/results.h"

static const struct eb_usage usage = {
	.cmd = "plot",
	.synopsis = "RESULTS.json... [options]",
	.text = "Kinds: bars and dist draw each file; compare draws BASE NEW (exactly\n"
		"two files); trend draws the files in order, e.g. one per commit.\n"
		"--variants chooses the variants of every kind; one without a passing\n"
		"trial is named in the title (bars, dist) or left out (trend).\n"
		"A file's figures are named after its name without .json, e.g.\n"
		"latest-bars-insns.png; when another file of the same name came\n"
		"earlier (runs/a.json other/a.json) it becomes a-2 (then a-3...), in\n"
		"the figures and as a trend label.\n"
		"Exit status 0, 1 when gnuplot failed, 2 on bad usage or input.\n",
};

#define MAXFILES	256

/* Bit i of --kind stands for kinds[i]. */
static const char *const kinds[] = { "bars", "dist", "compare", "trend", NULL };
enum { BARS = 1, DIST = 2, COMPARE = 4, TREND = 8 };

struct options {
	const char *outdir, *scripts;
	const char *variant[MAXFILES];
	struct eb_names variants;
	unsigned want;		/* kinds: BARS | ... */
	bool force;
};

/* The files to draw, read, and the stems that name their figures. */
struct inputs {
	char *const *paths;
	size_t n;
	json_t *docs[MAXFILES];
	char stems[MAXFILES][256];
	const char *labels[MAXFILES];
};

/* "results/latest.json" -> "latest"; no control characters in file names. */
static void stem_of(const char *path, char *out, size_t size)
{
	char copy[4096];
	snprintf(copy, sizeof(copy), "%s", path);
	snprintf(out, size, "%s", basename(copy));
	char *dot = strrchr(out, '.');
	if (dot && dot != out)
		*dot = '\0';
	for (; *out; out++)
		if ((unsigned char)*out < ' ')
			*out = '_';
}

static bool same_file(const char *a, const char *b)
{
	struct stat x, y;
	return stat(a, &x) == 0 && stat(b, &y) == 0 && x.st_dev == y.st_dev &&
	       x.st_ino == y.st_ino;
}

/* Index of the first of stems[0..i) equal to stem, or i. */
static size_t find_stem(const char *const *stems, size_t i, const char *stem)
{
	size_t j;
	for (j = 0; j < i && strcmp(stems[j], stem) != 0; j++)
		;
	return j;
}

/*
 * stems[i] names paths[i]'s figures, and labels[i] points to it.  Two
 * files of the same name in different directories would overwrite each
 * other's figures: a later one takes the first free of STEM-2, STEM-3...
 * One file named twice (a trend a b a) keeps its name.
 */
static void name_files(char *const *paths, size_t n, char (*stems)[256],
		       const char **labels)
{
	for (size_t i = 0; i < n; i++) {
		char base[240];	/* room for -N: a truncated "base-2" is not base */
		size_t j;

		for (j = 0; j < i && !same_file(paths[i], paths[j]); j++)
			;
		labels[i] = stems[i];
		if (j < i) {
			memcpy(stems[i], stems[j], sizeof(stems[i]));
			continue;
		}
		stem_of(paths[i], base, sizeof(base));
		snprintf(stems[i], sizeof(stems[i]), "%s", base);
		for (unsigned k = 2; find_stem(labels, i, stems[i]) < i; k++)
			snprintf(stems[i], sizeof(stems[i]), "%s-%u", base, k);
	}
}

/* The options, cross-checked; -1 to go on, else the exit status. */
static int parse(int argc, char **argv, struct options *o, int *first)
{
	*o = (struct options){ .outdir = "results/plots", .want = BARS | DIST,
			       .variants = { .name = o->variant, .max = MAXFILES } };
	struct eb_option opts[] = {
		EB_OPT_STRING("out", 'o', &o->outdir, "DIR",
			      "where the PNG and SVG files go"),
		EB_OPT_CHOICES("kind", &o->want, kinds, "K[,K...]", "what to draw"),
		EB_OPT_LIST("variants", &o->variants, "a,b",
			    "draw only these variants (default: all)"),
		EB_OPT_STRING("scripts", 0, &o->scripts, "DIR",
			      "the gnuplot scripts (default: $ENTRYBENCH_PLOTS_DIR, "
			      "else the source tree's plots/)"),
		EB_OPT_BOOL("force", 0, &o->force, "--kind compare: runs from "
			    "different environments too"),
		EB_OPT_END,
	};

	enum eb_parse_result r = eb_options_parse(&usage, opts, argc, argv, first);
	if (r != EB_PARSE_OK)
		return r == EB_PARSE_HELP ? EB_EXIT_OK : EB_EXIT_BADUSAGE;
	if (!eb_options_operands(&usage, argc, argv, *first, 1, MAXFILES,
				 "RESULTS.json"))
		return EB_EXIT_BADUSAGE;
	if ((o->want & COMPARE) && argc - *first != 2) {
		eb_option_error("plot", "--kind compare takes exactly two files, "
				"BASE NEW");
		return EB_EXIT_BADUSAGE;
	}
	return -1;
}

static bool read_inputs(struct inputs *in, char *const *paths, size_t n)
{
	char err[4096];

	in->paths = paths;
	in->n = n;
	for (size_t i = 0; i < n; i++)
		if (!(in->docs[i] = eb_results_read(paths[i], err, sizeof(err)))) {
			eb_error("plot: %s", err);
			return false;
		}
	name_files(paths, n, in->stems, in->labels);
	return true;
}

/* Refused as `compare` and `gate` refuse it (eb_check_comparable). */
static bool comparable(const struct options *o, const struct inputs *in)
{
	char err[4096];

	if (!eb_check_comparable(in->docs[0], in->paths[0], in->docs[1],
				 in->paths[1], o->force, err, sizeof(err))) {
		eb_error("plot: %s", err);
		return false;
	}
	if (*err)
		fprintf(stderr, "plot: %s\n", err);
	return true;
}

/* Bad input is exit 2, found before any gnuplot runs. */
static bool drawable(const struct options *o, const struct inputs *in)
{
	const json_t *const *docs = (const json_t *const *)in->docs;
	const char *const *paths = (const char *const *)in->paths;
	char err[4096];

	if (!eb_plot_check(docs, paths, in->n, o->variants.name, o->variants.n,
			   err, sizeof(err))) {
		eb_error("plot: %s", err);
		return false;
	}
	if ((o->want & COMPARE) && !comparable(o, in))
		return false;
	if ((o->want & TREND) &&
	    !eb_plot_trend_check(docs, paths, in->n, o->variants.name,
				 o->variants.n, err, sizeof(err))) {
		eb_error("plot: %s", err);
		return false;
	}
	return true;
}

/* Every kind asked for; false with err saying what gnuplot did not draw. */
static bool draw(struct eb_plot *p, const struct options *o,
		 const struct inputs *in, char *err, size_t size)
{
	const char *const *stems = in->labels;

	for (size_t i = 0; i < in->n; i++) {
		if (find_stem(stems, i, stems[i]) < i)
			continue;	/* a file named twice: drawn once */
		if (((o->want & BARS) && !eb_plot_bars(p, in->docs[i], stems[i], err, size)) ||
		    ((o->want & DIST) && !eb_plot_dist(p, in->docs[i], stems[i], err, size)))
			return false;
	}
	if (o->want & COMPARE) {
		char stem[600];
		snprintf(stem, sizeof(stem), "compare-%s-vs-%s", stems[1], stems[0]);
		if (!eb_plot_compare(p, in->docs[0], in->docs[1], stem, err, size))
			return false;
	}
	return !(o->want & TREND) ||
	       eb_plot_trend(p, (const json_t *const *)in->docs, stems, in->n,
			     o->variants.name, o->variants.n, err, size);
}

/* Exit status: 2 for an unusable -o or --scripts, 1 when gnuplot failed. */
static int open_and_draw(const struct options *o, const struct inputs *in)
{
	struct eb_plot p;
	char err[4096];

	if (!eb_plot_open(&p, o->scripts, o->outdir, err, sizeof(err))) {
		eb_error("plot: %s", err);
		return EB_EXIT_BADUSAGE;
	}
	p.variants = o->variants.name;
	p.nvariants = o->variants.n;
	bool drawn = draw(&p, o, in, err, sizeof(err));
	if (!drawn)
		eb_error("plot: %s", err);
	eb_plot_close(&p);
	return drawn ? EB_EXIT_OK : EB_EXIT_FAILED;
}

static int plot(int argc, char **argv)
{
	struct inputs in = { 0 };
	struct options o;
	int first, rc = parse(argc, argv, &o, &first);

	if (rc >= 0)
		return rc;
	rc = EB_EXIT_BADUSAGE;
	if (read_inputs(&in, argv + first, argc - first) && drawable(&o, &in))
		rc = open_and_draw(&o, &in);
	for (size_t i = 0; i < in.n; i++)
		json_decref(in.docs[i]);
	return rc;
}

EB_COMMAND("plot", plot, "draw PNG and SVG plots of results files (gnuplot)");
