/* SPDX-License-Identifier: MIT */
/*
 * entrybench plot: PNG and SVG figures of results files, drawn by gnuplot
 * from the scripts in plots/.  The kinds of figure are plot/<kind>.c: this
 * file names none of them but walks their registry (plot/kind.h) for
 * --kind's choices and default, the usage, and what each kind checks and
 * draws.
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
#include "plot/kind.h"
#include "results/results.h"

#define MAXFILES	256

struct options {
	const char *outdir, *scripts;
	const char *variant[MAXFILES];
	struct eb_names variants;
	unsigned want;		/* bit i: eb_plot_kinds()[i] */
	bool named;		/* --kind given: a kind that cannot draw is an error */
	unsigned formats;	/* --format: EB_PLOT_PNG | EB_PLOT_SVG */
	bool force;
};

/* The files to draw, read, and the stems that name their figures. */
struct inputs {
	json_t *docs[MAXFILES];
	char stems[MAXFILES][256];
	const char *labels[MAXFILES];	/* labels[i] is stems[i] */
	struct eb_plot_input in;	/* what the kinds see of all this */
};

/*
 * The usage's text: a line per kind from the registry, then what holds for
 * all of them.
 */
static const char *usage_text(void)
{
	static char text[4096];
	size_t n, len = 0;
	const struct eb_plot_kind *const *k = eb_plot_kinds(&n);

	len += snprintf(text + len, sizeof(text) - len, "Kinds:\n");
	for (size_t i = 0; i < n && len < sizeof(text); i++)
		len += snprintf(text + len, sizeof(text) - len, "  %-8s %s: %s\n",
				k[i]->name, eb_plot_inputs_text(k[i]->inputs),
				k[i]->summary);
	if (len < sizeof(text))
		snprintf(text + len, sizeof(text) - len,
			 "--variants chooses the variants of every kind; one without a\n"
			 "passing trial is named in the title, or left out of a series.\n"
			 "A file's figures are named after its name without .json, e.g.\n"
			 "latest-%s-insns.png; when another file of the same name came\n"
			 "earlier (runs/a.json other/a.json) it becomes a-2 (then a-3...), in\n"
			 "the figures and as a label of a series.\n"
			 "Exit status 0, 1 when gnuplot failed, 2 on bad usage or input.\n",
			 n ? k[0]->name : "KIND");
	return text;
}

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
 * One file named twice (a series a b a) keeps its name.
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

/* Does every kind asked for take nfiles files?  If not, one line why. */
static bool files_fit(const struct options *o, size_t nfiles)
{
	size_t n;
	const struct eb_plot_kind *const *k = eb_plot_kinds(&n);
	char err[256];

	for (size_t i = 0; i < n; i++)
		if ((o->want & 1u << i) &&
		    !eb_plot_kind_takes(k[i], nfiles, err, sizeof(err))) {
			eb_option_error("plot", "%s", err);
			return false;
		}
	return true;
}

/* The options, cross-checked; -1 to go on, else the exit status. */
static int parse(int argc, char **argv, struct options *o, int *first)
{
	const struct eb_usage usage = {
		.cmd = "plot",
		.synopsis = "RESULTS.json... [options]",
		.text = usage_text(),
	};
	*o = (struct options){ .outdir = "results/plots",
			       .want = eb_plot_kind_defaults(),
			       .formats = EB_PLOT_PNG | EB_PLOT_SVG,
			       .variants = { .name = o->variant, .max = MAXFILES } };
	struct eb_option opts[] = {
		EB_OPT_STRING("out", 'o', &o->outdir, "DIR",
			      "where the PNG and SVG files go"),
		EB_OPT_CHOICES("kind", &o->want, eb_plot_kind_names(), "K[,K...]",
			       "what to draw (see Kinds below)"),
		EB_OPT_LIST("variants", &o->variants, "a,b",
			    "draw only these variants (default: all)"),
		EB_OPT_CHOICES("format", &o->formats, eb_plot_formats, "F[,F]",
			       "write each plot as these"),
		EB_OPT_STRING("scripts", 0, &o->scripts, "DIR",
			      "the gnuplot scripts (default: $ENTRYBENCH_PLOTS_DIR, "
			      "else the installation's or the source tree's plots/)"),
		EB_OPT_BOOL("force", 0, &o->force, "BASE NEW: runs from "
			    "different environments too"),
		EB_OPT_END,
	};

	enum eb_parse_result r = eb_options_parse(&usage, opts, argc, argv, first);
	if (r != EB_PARSE_OK)
		return r == EB_PARSE_HELP ? EB_EXIT_OK : EB_EXIT_BADUSAGE;
	for (const struct eb_option *x = opts; x->type != EB_OPTION_END; x++)
		if (x->value == &o->want)
			o->named = x->seen > 0;
	if (!eb_options_operands(&usage, argc, argv, *first, 1, MAXFILES,
				 "RESULTS.json") ||
	    !files_fit(o, argc - *first))
		return EB_EXIT_BADUSAGE;
	return -1;
}

static bool read_inputs(struct inputs *in, const struct options *o,
			char *const *paths, size_t n)
{
	char err[4096];

	in->in = (struct eb_plot_input){
		.docs = (const json_t *const *)in->docs,
		.paths = (const char *const *)paths,
		.stems = in->labels,
		.n = n,
		.variants = o->variants.name,
		.nvariants = o->variants.n,
		.force = o->force,
	};
	for (size_t i = 0; i < n; i++)
		if (!(in->docs[i] = eb_results_read(paths[i], err, sizeof(err)))) {
			eb_error("plot: %s", err);
			return false;
		}
	name_files(paths, n, in->stems, in->labels);
	return true;
}

/*
 * A kind named with --kind that refuses every file (plot/kind.h:
 * refuses): false with the first file's why.
 */
static bool draws_some(const struct eb_plot_kind *k,
		       const struct eb_plot_input *in, char *err, size_t size)
{
	char buf[512];
	const char *why = NULL;

	if (!k->refuses)
		return true;
	for (size_t f = 0; f < in->n; f++)
		if (!(why = k->refuses(in->docs[f], buf, sizeof(buf))))
			return true;
	snprintf(err, size, "--kind %s: %s%s: %s", k->name, in->paths[0],
		 in->n > 1 ? " and the others" : "", why);
	return false;
}

/* Bad input is exit 2, found before any gnuplot runs. */
static bool drawable(const struct options *o, const struct eb_plot_input *in)
{
	size_t n;
	const struct eb_plot_kind *const *k = eb_plot_kinds(&n);
	char err[4096];
	bool ok = eb_plot_check(in, err, sizeof(err));

	for (size_t i = 0; ok && i < n; i++)
		if ((o->want & 1u << i) && o->named)
			ok = draws_some(k[i], in, err, sizeof(err));
	for (size_t i = 0; ok && i < n; i++)
		if ((o->want & 1u << i) && k[i]->check)
			ok = k[i]->check(in, err, sizeof(err));
	if (!ok)
		eb_error("plot: %s", err);
	return ok;
}

/* Can k draw in's one file?  If not, says why on stdout: no figure is an answer. */
static bool draws_file(const struct eb_plot_kind *k, const struct eb_plot_input *in)
{
	char buf[512];
	const char *why = k->refuses ? k->refuses(in->docs[0], buf, sizeof(buf)) : NULL;

	if (why)
		printf("no %s of %s: %s\n", k->name, in->paths[0], why);
	return !why;
}

/*
 * Every kind asked for: those of each file file by file, then those of
 * two files or the series.  False with err saying what gnuplot did not
 * draw.
 */
static bool draw(struct eb_plot *p, const struct options *o,
		 const struct eb_plot_input *in, char *err, size_t size)
{
	size_t n;
	const struct eb_plot_kind *const *k = eb_plot_kinds(&n);

	for (size_t f = 0; f < in->n; f++) {
		struct eb_plot_input one = *in;

		if (find_stem(in->stems, f, in->stems[f]) < f)
			continue;	/* a file named twice: drawn once */
		one.docs += f;
		one.paths += f;
		one.stems += f;
		one.n = 1;
		for (size_t i = 0; i < n; i++)
			if ((o->want & 1u << i) && k[i]->inputs == EB_PLOT_EACH_FILE &&
			    draws_file(k[i], &one) &&
			    !k[i]->draw(p, k[i], &one, err, size))
				return false;
	}
	for (size_t i = 0; i < n; i++)
		if ((o->want & 1u << i) && k[i]->inputs != EB_PLOT_EACH_FILE &&
		    !k[i]->draw(p, k[i], in, err, size))
			return false;
	return true;
}

/* Exit status: 2 for an unusable -o or --scripts, 1 when gnuplot failed. */
static int open_and_draw(const struct options *o, const struct eb_plot_input *in)
{
	struct eb_plot p;
	char err[4096];

	if (!eb_plot_open(&p, o->scripts, o->outdir, o->formats, err,
			  sizeof(err))) {
		eb_error("plot: %s", err);
		return EB_EXIT_BADUSAGE;
	}
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
	if (read_inputs(&in, &o, argv + first, argc - first) &&
	    drawable(&o, &in.in))
		rc = open_and_draw(&o, &in.in);
	for (size_t i = 0; i < in.in.n; i++)
		json_decref(in.docs[i]);
	return rc;
}

EB_COMMAND("plot", plot, "draw PNG and SVG plots of results files (gnuplot)");
