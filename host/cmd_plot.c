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
#include <getopt.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "command.h"
#include "compare.h"
#include "plot.h"
#include "results.h"

static const char usage[] =
	"usage: entrybench plot RESULTS.json... [-o DIR] [--kind K[,K...]]\n"
	"       [--variants a,b] [--scripts DIR] [--force]\n"
	"K: bars, dist (each file; the default), compare (BASE NEW: exactly two\n"
	"files), trend (the files in order, e.g. one per commit).  --variants\n"
	"chooses the variants of every kind; one without a passing trial is\n"
	"named in the title (bars, dist) or left out (trend).\n"
	"DIR defaults to results/plots.  A file's figures are named after its\n"
	"name without .json, e.g. latest-bars-insns.png; when another file\n"
	"of the same name came earlier (runs/a.json other/a.json) it becomes\n"
	"a-2 (then a-3...), in the figures and as a trend label.\n"
	"Exit status 0, 1 when gnuplot failed, 2 on bad usage or input.\n";

#define MAXFILES	256

enum { BARS = 1, DIST = 2, COMPARE = 4, TREND = 8 };

static const struct {
	const char *name;
	int bit;
} kinds[] = {
	{ .name = "bars", .bit = BARS },
	{ .name = "dist", .bit = DIST },
	{ .name = "compare", .bit = COMPARE },
	{ .name = "trend", .bit = TREND },
};

static bool parse_kinds(char *arg, int *out)
{
	*out = 0;
	for (char *k; (k = strsep(&arg, ","));) {
		size_t i;
		for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
			if (strcmp(k, kinds[i].name) == 0)
				break;
		if (i == sizeof(kinds) / sizeof(kinds[0])) {
			eb_error("plot: --kind %s: expected bars, dist, compare or trend", k);
			return false;
		}
		*out |= kinds[i].bit;
	}
	return true;
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
static size_t find_stem(char (*stems)[256], size_t i, const char *stem)
{
	size_t j;
	for (j = 0; j < i && strcmp(stems[j], stem) != 0; j++)
		;
	return j;
}

/*
 * stems[i] names paths[i]'s figures.  Two files of the same name in
 * different directories would overwrite each other's figures: a later one
 * takes the first free of STEM-2, STEM-3...  One file named twice (a trend
 * a b a) keeps its name.
 */
static void name_files(char *const *paths, size_t n, char (*stems)[256])
{
	for (size_t i = 0; i < n; i++) {
		char base[240];	/* room for -N: a truncated "base-2" is not base */
		size_t j;

		for (j = 0; j < i && !same_file(paths[i], paths[j]); j++)
			;
		if (j < i) {
			memcpy(stems[i], stems[j], sizeof(stems[i]));
			continue;
		}
		stem_of(paths[i], base, sizeof(base));
		snprintf(stems[i], sizeof(stems[i]), "%s", base);
		for (unsigned k = 2; find_stem(stems, i, stems[i]) < i; k++)
			snprintf(stems[i], sizeof(stems[i]), "%s-%u", base, k);
	}
}

static int plot(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "out", required_argument, NULL, 'o' },
		{ "kind", required_argument, NULL, 'k' },
		{ "variants", required_argument, NULL, 'V' },
		{ "scripts", required_argument, NULL, 's' },
		{ "force", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	const char *outdir = "results/plots", *scripts = NULL;
	const char *variants[MAXFILES];
	size_t nvariants = 0;
	int want = BARS | DIST, c;
	bool force = false;

	while ((c = eb_getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'o': outdir = optarg; break;
		case 'k':
			if (!parse_kinds(optarg, &want))
				return EB_EXIT_BADUSAGE;
			break;
		case 'V':
			for (char *s = optarg, *v; (v = strsep(&s, ","));)
				if (*v && nvariants < MAXFILES)
					variants[nvariants++] = v;
			break;
		case 's': scripts = optarg; break;
		case 'f': force = true; break;
		case 'h': fputs(usage, stdout); return EB_EXIT_OK;
		default: fputs(usage, stderr); return EB_EXIT_BADUSAGE;
		}
	}
	size_t n = argc - optind;
	if (n == 0 || n > MAXFILES) {
		fputs(usage, stderr);
		return EB_EXIT_BADUSAGE;
	}
	if ((want & COMPARE) && n != 2) {
		eb_error("plot --kind compare takes exactly two files, BASE NEW");
		return EB_EXIT_BADUSAGE;
	}

	json_t *docs[MAXFILES] = { 0 };
	char stems[MAXFILES][256], err[4096];
	const char *labels[MAXFILES];
	int rc = EB_EXIT_BADUSAGE;
	struct eb_plot p;
	bool open = false;

	for (size_t i = 0; i < n; i++)
		if (!(docs[i] = eb_results_read(argv[optind + i], err, sizeof(err)))) {
			eb_error("plot: %s", err);
			goto out;
		}
	name_files(argv + optind, n, stems);
	for (size_t i = 0; i < n; i++)
		labels[i] = stems[i];
	/* Bad input is exit 2, found before any gnuplot runs. */
	if (!eb_plot_check((const json_t *const *)docs,
			   (const char *const *)argv + optind, n, variants,
			   nvariants, err, sizeof(err))) {
		eb_error("plot: %s", err);
		goto out;
	}
	/* Refused as `compare` and `gate` refuse it. */
	if ((want & COMPARE) &&
	    !eb_check_comparable(docs[0], argv[optind], docs[1], argv[optind + 1],
				 force, err, sizeof(err))) {
		eb_error("plot: %s", err);
		goto out;
	}
	if ((want & COMPARE) && *err)
		fprintf(stderr, "plot: %s\n", err);
	if ((want & TREND) &&
	    !eb_plot_trend_check((const json_t *const *)docs,
				 (const char *const *)argv + optind, n, variants,
				 nvariants, err, sizeof(err))) {
		eb_error("plot: %s", err);
		goto out;
	}
	if (!eb_plot_open(&p, scripts, outdir, err, sizeof(err))) {
		eb_error("plot: %s", err);
		goto out;
	}
	open = true;
	p.variants = variants;
	p.nvariants = nvariants;
	rc = EB_EXIT_FAILED;
	for (size_t i = 0; i < n; i++) {
		if (find_stem(stems, i, stems[i]) < i)
			continue;	/* a file named twice: drawn once */
		if (((want & BARS) && !eb_plot_bars(&p, docs[i], stems[i], err, sizeof(err))) ||
		    ((want & DIST) && !eb_plot_dist(&p, docs[i], stems[i], err, sizeof(err))))
			goto fail;
	}
	if (want & COMPARE) {
		char stem[600];
		snprintf(stem, sizeof(stem), "compare-%s-vs-%s", stems[1], stems[0]);
		if (!eb_plot_compare(&p, docs[0], docs[1], stem, err, sizeof(err)))
			goto fail;
	}
	if ((want & TREND) &&
	    !eb_plot_trend(&p, (const json_t *const *)docs, labels, n, variants,
			   nvariants, err, sizeof(err)))
		goto fail;
	rc = EB_EXIT_OK;
	goto out;
fail:
	eb_error("plot: %s", err);
out:
	if (open)
		eb_plot_close(&p);
	for (size_t i = 0; i < n; i++)
		json_decref(docs[i]);
	return rc;
}

EB_COMMAND("plot", plot, "draw PNG and SVG plots of results files (gnuplot)");
