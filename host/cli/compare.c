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
#include "lib/array.h"
#include "results/compare.h"
#include "results/reality.h"
#include "results/render.h"
#include "results/results.h"
#include "results/table.h"
#include "results/view.h"
#include "stats/rank_null.h"
#include "tiers/tier.h"
#include "xray/attach.h"

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
		"Cycles: slower when the ratio's interval (each end at --alpha) lies\n"
		"above 1 + max(--tau-rel, --tau-abs / base median), faster when below\n"
		"its inverse, same when within both; too few trials to reach --alpha\n"
		"say so.  The two arms of one gate --cycles set are compared as pairs.\n"
		"--format markdown suits a pull-request comment; csv has the figures\n"
		"only, each row with its tier and unit.\n"
		"Exit status 0, or 2 on bad input.\n",
};

struct options {
	bool force, xray;
	const char *format;
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

/* The last column, vs_tcg, is the nested tier's alone (show's vs_tcg). */
static const struct eb_col exact_cols[] = {
	{ "variant", "variant", 0 },
	{ "mode", "mode", 0 },
	{ "base", "base", EB_COL_RIGHT },
	{ "new", "new", EB_COL_RIGHT },
	{ "diff", "new-base", EB_COL_RIGHT },
	{ "ratio", "ratio", EB_COL_RIGHT },
	{ "n_base", "nB", EB_COL_RIGHT },
	{ "n_new", "nN", EB_COL_RIGHT },
	{ "verdict", "verdict", 0 },
	{ "vs_tcg", "vs_tcg", 0 },
};

static bool has_vs_tcg(const struct eb_vtable *t)
{
	return t->cols == exact_cols && t->ncols == N_OF(exact_cols);
}

static const struct eb_col cycles_cols[] = {
	{ "variant", "variant", 0 },
	{ "mode", "mode", 0 },
	{ "base", "base median", EB_COL_RIGHT },
	{ "new", "new median", EB_COL_RIGHT },
	{ "ratio", "ratio", EB_COL_RIGHT },
	{ "interval", "interval", EB_COL_RIGHT | EB_COL_HUMAN },
	{ "lo", "lo", EB_COL_DATA },
	{ "hi", "hi", EB_COL_DATA },
	{ "limit", "limit", EB_COL_RIGHT },
	{ "n_base", "nB", EB_COL_RIGHT },
	{ "n_new", "nN", EB_COL_RIGHT },
	{ "verdict", "verdict", 0 },
};

/* Why no verdict: the counts cannot reach alpha, and what would. */
static void impossible(struct eb_vtable *t, const struct eb_change *c,
		       double alpha)
{
	eb_vstr(t, "impossible at this n: smallest p %.2g > alpha %g; %zu %s can",
		c->min_p, alpha, c->paired ? eb_signed_rank_min_n(alpha) :
		eb_rank_sum_min_n(alpha), c->paired ? "pairs" : "trials per arm");
}

static void exact_row(struct eb_vtable *t, const struct eb_change *c)
{
	eb_vfigure(t, c->base, false);
	eb_vfigure(t, c->new, false);
	eb_vfigure(t, c->diff, true);
	/* A variant that costs nothing (base 0) has no ratio. */
	eb_vnumber(t, isfinite(c->ratio) ? c->ratio : NAN, "%.4f");
	eb_vnumber(t, (double)c->m, "%.0f");
	eb_vnumber(t, (double)c->n, "%.0f");
	eb_vstr(t, "%s", exact_verdict(c));
}

static void cycles_row(struct eb_vtable *t, const struct eb_change *c,
		       double alpha)
{
	bool none = c->verdict == EB_IMPOSSIBLE;

	eb_vnumber(t, c->base, "%.2f");
	eb_vnumber(t, c->new, "%.2f");
	eb_vnumber(t, c->ratio, "%.4f");
	if (none)
		eb_vstr(t, "[-, -]");
	else
		eb_vstr(t, "[%7.4f, %7.4f]", c->lo, c->hi);
	eb_vnumber(t, none ? NAN : c->lo, "%.4f");
	eb_vnumber(t, none ? NAN : c->hi, "%.4f");
	eb_vnumber(t, c->threshold, "%.4f");
	eb_vnumber(t, (double)c->m, "%.0f");
	eb_vnumber(t, (double)c->n, "%.0f");
	if (none)
		impossible(t, c, alpha);
	else
		eb_vstr(t, "%s", eb_shift_outcome_name(c->verdict));
}

/* A side without a passing trial has no figure: say its status. */
static void no_figure(struct eb_vtable *t, const json_t *v, size_t m,
		      const json_t *w, size_t n)
{
	const char *sb = str(v, "status"), *sn = str(w, "status");

	eb_vskip_to(t, "verdict");
	if (!m && !n && strcmp(sb, sn) == 0)
		eb_vstr(t, "no figure: %s in both", sb);
	else if (!m && !n)
		eb_vstr(t, "no figure: %s in base, %s in new", sb, sn);
	else
		eb_vstr(t, "no figure in %s: %s", m ? "new" : "base", m ? sn : sb);
}

/* The table of the tier's unit, and what its columns mean. */
static struct eb_vtable *table(struct eb_view *view, const struct eb_tier *t,
			       const struct eb_compare_opts *o)
{
	struct eb_vtable *tb;

	if (t->inner || eb_tier_exact(t))
		return eb_view_table(view, t->name, NULL, exact_cols,
				     N_OF(exact_cols) - !t->inner);
	tb = eb_view_table(view, t->name, NULL, cycles_cols, N_OF(cycles_cols));
	if (o->paired)
		eb_vtable_caption(tb, "the two arms of one gate --cycles set: "
				  "trials paired as booted (Wilcoxon signed-rank)");
	eb_vtable_caption(tb, "ratio: Hodges-Lehmann, exp(median of %s);",
			  o->paired ? "the Walsh averages of ln(new/base) over pairs" :
			  "ln(new/base) over all pairs of trials");
	eb_vtable_caption(tb, "interval: distribution-free, each end wrong with "
			  "p <= %g;", o->t.alpha);
	eb_vtable_caption(tb, "limit: 1 + max(%g, %g %s / base median): slower "
			  "when the interval lies above it,", o->t.tau_rel,
			  o->t.tau_abs, t->unit);
	eb_vtable_caption(tb, "faster when below 1 / limit, same when within both");
	return tb;
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
		EB_OPT_BOOL("xray", 0, &o->xray, "where the instructions changed: "
			    "the variants' x-rays by function (entrybench xray "
			    "--out, a tcg baseline)"),
		EB_OPT_FORMAT(&o->format),
		EB_OPT_END,
	};
	enum eb_parse_result r;

	*o = (struct options){ .format = "table",
			       .stats = { .t = EB_THRESHOLDS_DEFAULT } };
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
		      json_t **base, json_t **new, struct eb_view *view)
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
		eb_view_text(view, err, false);
	return true;
}

static void print_file(struct eb_view *view, const char *side,
		       const char *name, const json_t *res)
{
	eb_view_line(view, "%-4s %s (%s)%s", side, name, str(res, "created"),
		     eb_results_interrupted(res) ? " interrupted: incomplete" : "");
	eb_view_set(view, side, json_string(name));
}

/* The row of base's variant v: its change, or why it has none. */
static void print_variant(struct eb_vtable *t, const json_t *v,
			  const json_t *new, bool exact,
			  const struct eb_compare_opts *o)
{
	const json_t *w = eb_results_same_variant(new, v);

	eb_vrow(t);
	eb_vstr(t, "%s", str(v, "name"));
	eb_vstr(t, "%s", eb_variant_where(v));
	if (!w) {
		eb_vskip_to(t, "verdict");
		eb_vstr(t, "only in base");
	} else {
		struct eb_change ch = eb_compare_variant(v, w, o);
		if (ch.m == 0 || ch.n == 0)
			no_figure(t, v, ch.m, w, ch.n);
		else if (exact)
			exact_row(t, &ch);
		else
			cycles_row(t, &ch, o->t.alpha);
	}
	if (has_vs_tcg(t))
		eb_vstr(t, "%s", eb_table_vs_tcg(w ? w : v));
}

/* base's variants in its order, then those only new has. */
static void print_rows(struct eb_vtable *t, const json_t *base,
		       const json_t *new, bool exact,
		       const struct eb_compare_opts *o)
{
	size_t i;
	json_t *v;

	json_array_foreach(json_object_get(base, "variants"), i, v)
		print_variant(t, v, new, exact, o);
	json_array_foreach(json_object_get(new, "variants"), i, v)
		if (!eb_results_same_variant(base, v)) {
			eb_vrow(t);
			eb_vstr(t, "%s", str(v, "name"));
			eb_vstr(t, "%s", eb_variant_where(v));
			eb_vskip_to(t, "verdict");
			eb_vstr(t, "only in new");
			if (has_vs_tcg(t))
				eb_vstr(t, "%s", eb_table_vs_tcg(v));
		}
}

/* new's variant of v: the same, else of the same name and mode (another
 * column: what a kernel command line adds). */
static const json_t *xray_peer(const json_t *new, const json_t *v)
{
	const json_t *w;
	size_t i;

	json_array_foreach(json_object_get(new, "variants"), i, w)
		if (strcmp(str(w, "name"), str(v, "name")) == 0 &&
		    strcmp(str(w, "mode"), str(v, "mode")) == 0 &&
		    json_object_get(w, "xray"))
			return w;
	return NULL;
}

/* --xray: each variant both files x-rayed, by function; false if none. */
static bool xray_lines(struct eb_view *view, const json_t *base,
		       const json_t *new)
{
	char line[4096];
	size_t i, n = 0;
	json_t *v;

	json_array_foreach(json_object_get(base, "variants"), i, v) {
		const json_t *w = eb_results_same_variant(new, v);
		if (!w || !json_object_get(w, "xray"))
			w = xray_peer(new, v);
		if (!w || !eb_xray_explain(v, w, line, sizeof(line)))
			continue;
		if (!n++)
			eb_view_line(view, "%s", "");
		eb_view_line(view, "%s (%s -> %s)", line, eb_variant_where(v),
			     eb_variant_where(w));
	}
	return n > 0;
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
	struct eb_view *view = eb_view_new("compare");
	if (read_pair(bname, nname, o.force, &base, &new, view)) {
		const struct eb_tier *tier = eb_tier(eb_results_tier(base));

		print_file(view, "base", bname, base);
		print_file(view, "new", nname, new);
		o.stats.paired = eb_abba_arms(base, new);
		print_rows(table(view, tier, &o.stats), base, new,
			   eb_tier_exact(tier), &o.stats);
		rc = EB_EXIT_OK;
		if (o.xray && !xray_lines(view, base, new)) {
			eb_error("compare: --xray: no variant is x-rayed in both %s "
				 "and %s (entrybench xray --out FILE makes one)",
				 bname, nname);
			rc = EB_EXIT_BADUSAGE;
		}
		if (rc == EB_EXIT_OK)
			eb_view_render(stdout, view, eb_format_of(o.format));
	} else {
		rc = EB_EXIT_BADUSAGE;
	}
	eb_view_free(view);
	json_decref(base);
	json_decref(new);
	return rc;
}

EB_COMMAND("compare", compare, "compare two results files variant by variant");
