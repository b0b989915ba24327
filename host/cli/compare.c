/* SPDX-License-Identifier: MIT */
/*
 * entrybench compare BASE NEW: per variant (matched by name and mode), both
 * figures and the change.  Instruction counts: the exact difference and
 * ratio.  Cycles: over one value per trial (boot), the Hodges-Lehmann
 * ratio, its bootstrap interval and a one-sided exact Mann-Whitney p-value
 * for "NEW is slower".
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/cli.h"
#include "lib/command.h"
#include "lib/options.h"
#include "results/compare.h"
#include "results/reality.h"
#include "results/results.h"
#include "results/table.h"
#include "stats/bootstrap.h"
#include "tiers/tier.h"

static const struct eb_usage usage = {
	.cmd = "compare",
	.synopsis = "BASE.json NEW.json [options]",
	.text = "Refuses a file without timings (--torture, --inject-nmi), files of\n"
		"different tiers, and, unless --force, files of other run parameters\n"
		"(k, batches, warmup, boot) or cycle files whose environment\n"
		"fingerprint differs (instruction counts get a note; a linux-tier\n"
		"file's kernel or command lines do not): what gate checks.\n"
		"A bench-kernel file (tcg) and a linux-tier file (run --guest linux)\n"
		"give the model against reality instead: each model beside the\n"
		"Linux probe that names it, with the ratio.\n"
		"Exit status 0, or 2 on bad input.\n",
};

#define LEVEL_DEFAULT	0.95
#define STRINGIFY_(x)	#x
#define STRINGIFY(x)	STRINGIFY_(x)

struct options {
	bool force;
	unsigned seed;			/* --seed, into stats.seed */
	struct eb_compare_opts stats;
};

/* The level of "slower", as the cycle gate's default. */
#define EB_COMPARE_ALPHA	0.01

static const char *str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

/* Counts are exact: any difference is real. */
static const char *exact_verdict(const struct eb_change *c)
{
	return c->diff > 0 ? "more" : c->diff < 0 ? "fewer" : "same";
}

/*
 * Slower needs the test and the interval; faster only the interval, as
 * the test is one-sided.  Anything else is "no evidence", not "same".
 */
static const char *cycles_verdict(const struct eb_change *c)
{
	if (c->p < EB_COMPARE_ALPHA && c->lo > 1)
		return "slower";
	if (c->hi < 1)
		return "faster";
	return "no evidence";
}

static void exact_row(const struct eb_change *c)
{
	char b[64], n[64], d[64];

	printf(" %12s %12s %12s",
	       eb_format_figure(b, sizeof(b), c->base, "insns", false),
	       eb_format_figure(n, sizeof(n), c->new, "insns", false),
	       eb_format_figure(d, sizeof(d), c->diff, "insns", true));
	/* A variant that costs nothing (base 0) has no ratio. */
	if (isfinite(c->ratio))
		printf(" %8.4f", c->ratio);
	else
		printf(" %8s", "-");
	printf(" %4zu %4zu  %s\n", c->m, c->n, exact_verdict(c));
}

static void cycles_row(const struct eb_change *c)
{
	printf(" %12.2f %12.2f %8.4f [%6.4f, %6.4f] %9.2g %4zu %4zu  %s\n",
	       c->base, c->new, c->ratio, c->lo, c->hi, c->p, c->m, c->n,
	       cycles_verdict(c));
}

/* A side without a passing trial has no figure: say its status. */
static void no_figure(const json_t *v, size_t m, const json_t *w, size_t n)
{
	const char *sb = str(v, "status"), *sn = str(w, "status");

	if (!m && !n && strcmp(sb, sn) == 0)
		printf(" no figure: %s in both\n", sb);
	else if (!m && !n)
		printf(" no figure: %s in base, %s in new\n", sb, sn);
	else
		printf(" no figure in %s: %s\n", m ? "new" : "base", m ? sn : sb);
}

/* where: the width of the mode (or a linux file's column) column. */
static void header(const struct eb_tier *t, const struct eb_compare_opts *o,
		   int where)
{
	printf("tier %s (%s), unit %s\n", t->name, t->describe, t->unit);
	if (eb_tier_exact(t)) {
		printf("%-24s %-*s %12s %12s %12s %8s %4s %4s  %s\n", "variant",
		       where, where > 7 ? "column" : "mode", "base", "new",
		       "new-base", "ratio", "nB", "nN", "verdict");
		return;
	}
	printf("ratio: Hodges-Lehmann, exp(median of pairwise ln(new/base)) over "
	       "trials; %.0f%% percentile bootstrap, %u resamples, seed %lu;\n"
	       "p: one-sided exact Mann-Whitney, new slower than base;\n"
	       "slower: p < %g and interval above 1; faster: interval below 1\n",
	       100 * o->level, o->resamples, o->seed, EB_COMPARE_ALPHA);
	printf("%-24s %-*s %12s %12s %8s %18s %9s %4s %4s  %s\n", "variant",
	       where, "mode",
	       "base median", "new median", "ratio", "interval", "p", "nB", "nN",
	       "verdict");
}

/* --level: open bounds, which EB_OPT_DOUBLE's closed range cannot say. */
static bool parse_level(void *ctx, const char *arg)
{
	double *level = ctx;
	char *end;
	double v = strtod(arg, &end);

	if (end == arg || *end || !(v > 0.5 && v < 1)) {
		eb_option_error("compare", "--level %s: expected a number in (0.5, 1)",
				arg);
		return false;
	}
	*level = v;
	return true;
}

/* -1 to go on (the two files are argv[*first..]), else the exit status. */
static int parse(int argc, char **argv, struct options *o, int *first)
{
	struct eb_option opts[] = {
		EB_OPT_BOOL("force", 0, &o->force, "compare files of other run "
			    "parameters or (cycles) environments"),
		EB_OPT_UINT("seed", 0, &o->seed, 0, ~0u, "N", "bootstrap seed"),
		EB_OPT_UINT("resamples", 0, &o->stats.resamples, 100, 1000000, "N",
			    "bootstrap resamples"),
		EB_OPT_CALLBACK("level", 0, parse_level, &o->stats.level, "L",
				"confidence level of the bootstrap interval, above "
				"0.5 and below 1 (default " STRINGIFY(LEVEL_DEFAULT) ")"),
		EB_OPT_END,
	};
	enum eb_parse_result r;

	*o = (struct options){ .seed = EB_BOOTSTRAP_SEED,
			       .stats = { .resamples = EB_BOOTSTRAP_RESAMPLES,
					  .level = LEVEL_DEFAULT } };
	r = eb_options_parse(&usage, opts, argc, argv, first);
	if (r != EB_PARSE_OK)
		return r == EB_PARSE_HELP ? EB_EXIT_OK : EB_EXIT_BADUSAGE;
	if (!eb_options_operands(&usage, argc, argv, *first, 2, 2, "results files"))
		return EB_EXIT_BADUSAGE;
	o->stats.seed = o->seed;
	return -1;
}

/*
 * Reads both files and makes gate's checks, so that compare never says
 * more than gate may; false after saying why.  Prints the note the checks
 * leave (an environment that differs, for example).
 */
static bool read_pair(const char *bname, const char *nname, bool force,
		      json_t **base, json_t **new)
{
	char err[1024];

	*new = NULL;
	*base = eb_results_read(bname, err, sizeof(err));
	if (!*base || !(*new = eb_results_read(nname, err, sizeof(err))) ||
	    !eb_check_comparable(*base, bname, *new, nname, force, err,
				 sizeof(err))) {
		eb_error("compare: %s", err);
		return false;
	}
	if (*err)
		printf("%s\n", err);
	return true;
}

static void print_file(const char *side, const char *name, const json_t *res)
{
	printf("%-4s %s (%s)%s\n", side, name, str(res, "created"),
	       eb_results_interrupted(res) ? " interrupted: incomplete" : "");
}

/* The row of base's variant v: its change, or why it has none. */
static void print_variant(const json_t *v, const json_t *new, bool exact,
			  const struct eb_compare_opts *o, int where)
{
	const json_t *w = eb_results_same_variant(new, v);

	printf("%-24s %-*s", str(v, "name"), where, eb_variant_where(v));
	if (!w) {
		printf(" only in base\n");
		return;
	}
	struct eb_change ch = eb_compare_variant(v, w, o);
	if (ch.m == 0 || ch.n == 0)
		no_figure(v, ch.m, w, ch.n);
	else
		(exact ? exact_row : cycles_row)(&ch);
}

/* base's variants in its order, then those only new has. */
static void print_rows(const json_t *base, const json_t *new, bool exact,
		       const struct eb_compare_opts *o, int where)
{
	size_t i;
	json_t *v;

	json_array_foreach(json_object_get(base, "variants"), i, v)
		print_variant(v, new, exact, o, where);
	json_array_foreach(json_object_get(new, "variants"), i, v)
		if (!eb_results_same_variant(base, v))
			printf("%-24s %-*s only in new\n", str(v, "name"), where,
			       eb_variant_where(v));
}

/*
 * A bench-kernel file and a linux-tier file: not a comparison but the
 * model against reality (results/reality.h).  -1 when the pair is not
 * one, else the exit status.
 */
static int model_against_reality(const char *bname, const char *nname)
{
	char err[1024];
	json_t *base = eb_results_read(bname, err, sizeof(err)), *new = NULL;
	int rc = -1;

	if (base && (new = eb_results_read(nname, err, sizeof(err)))) {
		if (eb_reality_pair(base, new, err, sizeof(err))) {
			eb_reality_print(stdout, base, bname, new, nname);
			rc = EB_EXIT_OK;
		} else if (*err) {
			eb_error("compare: %s", err);
			rc = EB_EXIT_BADUSAGE;
		}
	}
	json_decref(base);
	json_decref(new);
	return rc;
}

static int compare(int argc, char **argv)
{
	struct options o;
	json_t *base, *new;
	int first, rc = parse(argc, argv, &o, &first);

	if (rc >= 0)
		return rc;
	const char *bname = argv[first], *nname = argv[first + 1];
	if ((rc = model_against_reality(bname, nname)) >= 0)
		return rc;
	if (read_pair(bname, nname, o.force, &base, &new)) {
		const struct eb_tier *tier = eb_tier(eb_results_tier(base));

		print_file("base", bname, base);
		print_file("new", nname, new);
		int where = eb_where_width(base, new);

		header(tier, &o.stats, where);
		print_rows(base, new, eb_tier_exact(tier), &o.stats, where);
		rc = EB_EXIT_OK;
	} else {
		rc = EB_EXIT_BADUSAGE;
	}
	json_decref(base);
	json_decref(new);
	return rc;
}

EB_COMMAND("compare", compare, "compare two results files variant by variant");
