/* SPDX-License-Identifier: MIT */
/*
 * entrybench compare BASE NEW: per variant (matched by name and mode), both
 * figures and the change.  Instruction counts: the exact difference and
 * ratio.  Cycles: over one value per trial (boot), the Hodges-Lehmann
 * ratio, its distribution-free interval and the verdict of the rule gate
 * --cycles applies (stats/shift_verdict.h), paired when the two files are
 * the arms of one gate --cycles set.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/cli.h"
#include "lib/command.h"
#include "lib/options.h"
#include "results/compare.h"
#include "results/results.h"
#include "results/table.h"
#include "stats/rank_null.h"
#include "tiers/tier.h"

static const struct eb_usage usage = {
	.cmd = "compare",
	.synopsis = "BASE.json NEW.json [options]",
	.text = "Refuses a file without timings (--torture, --inject-nmi), files of\n"
		"different tiers, and, unless --force, files of other run parameters\n"
		"(k, batches, warmup, boot) or cycle files whose environment\n"
		"fingerprint differs (instruction counts get a note): what gate checks.\n"
		"Cycles: slower when the ratio's interval (each end at --alpha) lies\n"
		"above 1 + max(--tau-rel, --tau-abs / base median), faster when below\n"
		"its inverse, same when within both; too few trials to reach --alpha\n"
		"say so.  The two arms of one gate --cycles set are compared as pairs.\n"
		"Exit status 0, or 2 on bad input.\n",
};

struct options {
	bool force;
	struct eb_compare_opts stats;
};

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

/* Why no verdict: the counts cannot reach alpha, and what would. */
static void impossible(const struct eb_change *c, double alpha)
{
	printf("impossible at this n: smallest p %.2g > alpha %g; ", c->min_p,
	       alpha);
	if (c->paired)
		printf("%zu pairs can\n", eb_signed_rank_min_n(alpha));
	else
		printf("%zu trials per arm can\n", eb_rank_sum_min_n(alpha));
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

static void cycles_row(const struct eb_change *c, double alpha)
{
	printf(" %12.2f %12.2f %8.4f ", c->base, c->new, c->ratio);
	if (c->verdict == EB_IMPOSSIBLE)
		printf("%18s", "[-, -]");
	else
		printf("[%7.4f, %7.4f]", c->lo, c->hi);
	printf(" %7.4f %4zu %4zu  ", c->threshold, c->m, c->n);
	if (c->verdict == EB_IMPOSSIBLE)
		impossible(c, alpha);
	else
		printf("%s\n", eb_shift_outcome_name(c->verdict));
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

static void header(const struct eb_tier *t, const struct eb_compare_opts *o)
{
	printf("tier %s (%s), unit %s\n", t->name, t->describe, t->unit);
	if (eb_tier_exact(t)) {
		printf("%-24s %-7s %12s %12s %12s %8s %4s %4s  %s\n", "variant",
		       "mode", "base", "new", "new-base", "ratio", "nB", "nN",
		       "verdict");
		return;
	}
	if (o->paired)
		printf("the two arms of one gate --cycles set: trials paired as "
		       "booted (Wilcoxon signed-rank)\n");
	printf("ratio: Hodges-Lehmann, exp(median of %s);\n"
	       "interval: distribution-free, each end wrong with p <= %g;\n"
	       "limit: 1 + max(%g, %g %s / base median): slower when the interval "
	       "lies above it,\nfaster when below 1 / limit, same when within both\n",
	       o->paired ? "the Walsh averages of ln(new/base) over pairs" :
	       "ln(new/base) over all pairs of trials",
	       o->t.alpha, o->t.tau_rel, o->t.tau_abs, t->unit);
	printf("%-24s %-7s %12s %12s %8s %18s %7s %4s %4s  %s\n", "variant", "mode",
	       "base median", "new median", "ratio", "interval", "limit", "nB",
	       "nN", "verdict");
}

/* -1 to go on (the two files are argv[*first..]), else the exit status. */
static int parse(int argc, char **argv, struct options *o, int *first)
{
	struct eb_thresholds *t = &o->stats.t;
	struct eb_option opts[] = {
		EB_OPT_BOOL("force", 0, &o->force, "compare files of other run "
			    "parameters or (cycles) environments"),
		EB_OPT_DOUBLE("alpha", &t->alpha, 1e-9, 0.5, "P", "cycles: each end "
			      "of the interval is wrong with p <= P"),
		EB_OPT_DOUBLE("tau-rel", &t->tau_rel, 0, 10, "R", "cycles: changes "
			      "within a factor 1 + R are tolerated ..."),
		EB_OPT_DOUBLE("tau-abs", &t->tau_abs, 0, 1e9, "T", "... or within "
			      "T units, whichever is more"),
		EB_OPT_END,
	};
	enum eb_parse_result r;

	*o = (struct options){ .stats = { .t = EB_THRESHOLDS_DEFAULT } };
	r = eb_options_parse(&usage, opts, argc, argv, first);
	if (r != EB_PARSE_OK)
		return r == EB_PARSE_HELP ? EB_EXIT_OK : EB_EXIT_BADUSAGE;
	if (!eb_options_operands(&usage, argc, argv, *first, 2, 2, "results files"))
		return EB_EXIT_BADUSAGE;
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
			  const struct eb_compare_opts *o)
{
	const json_t *w = eb_results_variant(new, str(v, "name"), str(v, "mode"));

	printf("%-24s %-7s", str(v, "name"), str(v, "mode"));
	if (!w) {
		printf(" only in base\n");
		return;
	}
	struct eb_change ch = eb_compare_variant(v, w, o);
	if (ch.m == 0 || ch.n == 0)
		no_figure(v, ch.m, w, ch.n);
	else if (exact)
		exact_row(&ch);
	else
		cycles_row(&ch, o->t.alpha);
}

/* base's variants in its order, then those only new has. */
static void print_rows(const json_t *base, const json_t *new, bool exact,
		       const struct eb_compare_opts *o)
{
	size_t i;
	json_t *v;

	json_array_foreach(json_object_get(base, "variants"), i, v)
		print_variant(v, new, exact, o);
	json_array_foreach(json_object_get(new, "variants"), i, v)
		if (!eb_results_variant(base, str(v, "name"), str(v, "mode")))
			printf("%-24s %-7s only in new\n", str(v, "name"), str(v, "mode"));
}

static int compare(int argc, char **argv)
{
	struct options o;
	json_t *base, *new;
	int first, rc = parse(argc, argv, &o, &first);

	if (rc >= 0)
		return rc;
	const char *bname = argv[first], *nname = argv[first + 1];
	if (read_pair(bname, nname, o.force, &base, &new)) {
		const struct eb_tier *tier = eb_tier(eb_results_tier(base));

		print_file("base", bname, base);
		print_file("new", nname, new);
		o.stats.paired = eb_abba_arms(base, new);
		header(tier, &o.stats);
		print_rows(base, new, eb_tier_exact(tier), &o.stats);
		rc = EB_EXIT_OK;
	} else {
		rc = EB_EXIT_BADUSAGE;
	}
	json_decref(base);
	json_decref(new);
	return rc;
}

EB_COMMAND("compare", compare, "compare two results files variant by variant");
