/* SPDX-License-Identifier: MIT */
/*
 * entrybench compare BASE NEW: per variant (matched by name and mode), both
 * figures and the change.  Instruction counts: the exact difference and
 * ratio.  Cycles: over one value per trial (boot), the Hodges-Lehmann
 * ratio, its bootstrap interval and a one-sided exact Mann-Whitney p-value
 * for "NEW is slower".
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/cli.h"
#include "lib/command.h"
#include "results/compare.h"
#include "results/results.h"
#include "results/table.h"
#include "stats/bootstrap.h"
#include "tiers/tier.h"

static const char usage[] =
	"usage: entrybench compare BASE.json NEW.json [--force] [--seed N]\n"
	"       [--resamples N] [--level 0.95]\n"
	"Refuses a file without timings (--torture, --inject-nmi), files of\n"
	"different tiers, and, unless --force, files of other run parameters\n"
	"(k, batches, warmup, boot) or cycle files whose environment\n"
	"fingerprint differs (instruction counts get a note): what gate checks.\n"
	"Exit status 0, or 2 on bad input.\n";

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

	printf(" %12s %12s %12s", eb_figure(b, sizeof(b), c->base, "insns", false),
	       eb_figure(n, sizeof(n), c->new, "insns", false),
	       eb_figure(d, sizeof(d), c->diff, "insns", true));
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

static void header(const struct eb_tier *t, const struct eb_compare_opts *o)
{
	printf("tier %s (%s), unit %s\n", t->name, t->describe, t->unit);
	if (strcmp(t->unit, "insns") == 0) {
		printf("%-24s %-7s %12s %12s %12s %8s %4s %4s  %s\n", "variant",
		       "mode", "base", "new", "new-base", "ratio", "nB", "nN",
		       "verdict");
		return;
	}
	printf("ratio: Hodges-Lehmann, exp(median of pairwise ln(new/base)) over "
	       "trials; %.0f%% percentile bootstrap, %u resamples, seed %lu;\n"
	       "p: one-sided exact Mann-Whitney, new slower than base;\n"
	       "slower: p < %g and interval above 1; faster: interval below 1\n",
	       100 * o->level, o->resamples, o->seed, EB_COMPARE_ALPHA);
	printf("%-24s %-7s %12s %12s %8s %18s %9s %4s %4s  %s\n", "variant", "mode",
	       "base median", "new median", "ratio", "interval", "p", "nB", "nN",
	       "verdict");
}

static int compare(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "force", no_argument, NULL, 'f' },
		{ "seed", required_argument, NULL, 's' },
		{ "resamples", required_argument, NULL, 'r' },
		{ "level", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	struct eb_compare_opts o = { .resamples = EB_BOOTSTRAP_RESAMPLES,
				     .level = 0.95, .seed = EB_BOOTSTRAP_SEED };
	unsigned seed = EB_BOOTSTRAP_SEED;
	bool force = false, ok = true;
	char *end;
	int c;

	while (ok && (c = eb_getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'f': force = true; break;
		case 's': ok = eb_parse_uint("--seed", optarg, 0, ~0u, &seed); break;
		case 'r': ok = eb_parse_uint("--resamples", optarg, 100, 1000000,
					     &o.resamples); break;
		case 'l':
			o.level = strtod(optarg, &end);
			ok = *optarg && !*end && o.level > 0.5 && o.level < 1;
			if (!ok)
				eb_error("--level %s: expected a number in (0.5, 1)", optarg);
			break;
		case 'h': fputs(usage, stdout); return EB_EXIT_OK;
		default: fputs(usage, stderr); return EB_EXIT_BADUSAGE;
		}
	}
	o.seed = seed;
	if (!ok)
		return EB_EXIT_BADUSAGE;
	if (argc - optind != 2) {
		fputs(usage, stderr);
		return EB_EXIT_BADUSAGE;
	}

	const char *bname = argv[optind], *nname = argv[optind + 1];
	char err[1024];
	json_t *base = eb_results_read(bname, err, sizeof(err)), *new = NULL;
	int rc = EB_EXIT_BADUSAGE;

	if (!base || !(new = eb_results_read(nname, err, sizeof(err)))) {
		eb_error("compare: %s", err);
		goto out;
	}
	/* What gate checks, so that compare never says more than gate may. */
	if (!eb_check_comparable(base, bname, new, nname, force, err,
				 sizeof(err))) {
		eb_error("compare: %s", err);
		goto out;
	}
	if (*err)
		printf("%s\n", err);
	const struct eb_tier *tier = eb_tier(eb_results_tier(base));

	printf("base %s (%s)%s\nnew  %s (%s)%s\n", bname, str(base, "created"),
	       eb_results_interrupted(base) ? " interrupted: incomplete" : "",
	       nname, str(new, "created"),
	       eb_results_interrupted(new) ? " interrupted: incomplete" : "");
	header(tier, &o);
	bool exact = strcmp(tier->unit, "insns") == 0;
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(base, "variants"), i, v) {
		json_t *w = eb_results_variant(new, str(v, "name"), str(v, "mode"));
		printf("%-24s %-7s", str(v, "name"), str(v, "mode"));
		if (!w) {
			printf(" only in base\n");
			continue;
		}
		struct eb_change ch = eb_compare_variant(v, w, &o);
		if (ch.m == 0 || ch.n == 0) {
			no_figure(v, ch.m, w, ch.n);
			continue;
		}
		(exact ? exact_row : cycles_row)(&ch);
	}
	json_array_foreach(json_object_get(new, "variants"), i, v)
		if (!eb_results_variant(base, str(v, "name"), str(v, "mode")))
			printf("%-24s %-7s only in new\n", str(v, "name"), str(v, "mode"));
	rc = EB_EXIT_OK;
out:
	json_decref(base);
	json_decref(new);
	return rc;
}

EB_COMMAND("compare", compare, "compare two results files variant by variant");
