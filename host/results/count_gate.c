/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "results/compare.h"
#include "lib/array.h"
#include "results/count_gate.h"
#include "results/linux_results.h"
#include "results/results.h"
#include "results/table.h"
#include "results/view.h"
#include "stats/summary.h"

static const char *str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

static double median(const json_t *v)
{
	double *x;
	size_t n = eb_trial_values(v, &x);
	double m = eb_stats(x, n).median;
	free(x);
	return m;
}

/*
 * A linux-tier variant's floor: its cheapest batch per round trip over the
 * passing trials (a trial without batches counts with its value).  The
 * tick and the kernel's batching add to some batches and never take away,
 * and an unrelated change to the guest moves which batches they hit: the
 * median of two clusters an instruction apart jumps between them, the
 * floor stays (count_gate.h, EB_LINUX_GATE_SLACK).
 */
static double floor_per_trip(const json_t *v, double k)
{
	double lo = NAN;
	size_t i, j;
	json_t *t, *b;

	json_array_foreach(json_object_get(v, "trials"), i, t) {
		const json_t *bs = json_object_get(t, "batches");
		double x = json_number_value(json_object_get(t, "value"));

		if (strcmp(str(t, "status"), "pass") != 0)
			continue;
		if (!json_array_size(bs) && !(x >= lo))
			lo = x;
		json_array_foreach(bs, j, b) {
			x = (json_integer_value(json_object_get(b, "ticks")) -
			     json_integer_value(json_object_get(b, "overhead"))) / k;
			if (!(x >= lo))
				lo = x;
		}
	}
	return lo;
}

/* The detail of the first trial with the variant's status: why it has it. */
static const char *status_detail(const json_t *v)
{
	size_t i;
	json_t *t;

	json_array_foreach(json_object_get(v, "trials"), i, t)
		if (strcmp(str(t, "status"), str(v, "status")) == 0)
			return str(t, "detail");
	return "";
}

/* How rows are judged: medians exactly, or (linux) floors with a slack */
struct judge {
	double k;	/* a linux baseline's trips per batch; 0: medians */
	double slack;
};

static double figure(const json_t *v, const struct judge *j)
{
	return j->k ? floor_per_trip(v, j->k) : median(v);
}

static struct eb_count_gate_row row(const json_t *b, const json_t *c,
				     const struct judge *j)
{
	const json_t *any = b ? b : c;
	double slack = j->slack;
	struct eb_count_gate_row r = {
		.name = str(any, "name"), .mode = eb_variant_where(any),
		.base = b ? figure(b, j) : NAN, .cur = c ? figure(c, j) : NAN,
		.detail = c ? status_detail(c) : "",
		.vs_tcg = eb_table_vs_tcg(c ? c : b),
	};
	const char *status = c ? str(c, "status") : "";
	bool good = strcmp(status, "pass") == 0 || strcmp(status, "skipped") == 0;

	r.why = status;
	if (c && strcmp(status, "not run") == 0)
		r.verdict = EB_GATE_NOT_RUN;
	else if (!b)
		r.verdict = good ? EB_GATE_NEW : EB_GATE_BROKEN;
	else if (!c)
		r.verdict = EB_GATE_MISSING;
	else if (strcmp(status, "skipped") == 0 && strcmp(str(b, "status"), "skipped") == 0)
		r.verdict = EB_GATE_SAME;	/* skipped then, skipped now */
	else if (strcmp(status, "pass") != 0 || isnan(r.cur))
		r.verdict = EB_GATE_BROKEN;
	else if (isnan(r.base))
		r.verdict = EB_GATE_NEW;	/* the baseline skipped it */
	else if (r.cur > r.base + slack)
		r.verdict = EB_GATE_WORSE;
	else
		r.verdict = r.cur < r.base - slack ? EB_GATE_BETTER : EB_GATE_SAME;
	return r;
}

size_t eb_count_gate_rows(const json_t *base, const json_t *cur,
			  struct eb_count_gate_row **rows)
{
	const json_t *bv = json_object_get(base, "variants");
	const json_t *cv = json_object_get(cur, "variants");
	struct eb_count_gate_row *r = malloc((json_array_size(bv) +
					      json_array_size(cv) + 1) * sizeof(*r));
	const json_t *k = json_object_get(json_object_get(base, "parameters"), "k");
	struct judge j = { 0, 0 };
	size_t i, n = 0;
	json_t *v;

	if (!r)
		abort();
	if (eb_linux_results(base) && json_integer_value(k) > 0)
		j = (struct judge){ (double)json_integer_value(k), EB_LINUX_GATE_SLACK };
	json_array_foreach(bv, i, v)
		r[n++] = row(v, eb_results_same_variant(cur, v), &j);
	json_array_foreach(cv, i, v)
		if (!eb_results_same_variant(base, v))
			r[n++] = row(NULL, v, &j);
	*rows = r;
	return n;
}

static const char *const verdicts[] = {
	[EB_GATE_SAME] = "ok",
	[EB_GATE_BETTER] = "ok (fewer)",
	[EB_GATE_NEW] = "new",
	[EB_GATE_WORSE] = "FAIL",
	[EB_GATE_MISSING] = "FAIL missing",
	[EB_GATE_BROKEN] = "FAIL",
	[EB_GATE_NOT_RUN] = "not run",
};

/* The last column, vs_tcg, is the nested tier's alone (show's). */
static const struct eb_col columns[] = {
	{ "variant", "variant", 0 },
	{ "mode", "mode", 0 },
	{ "baseline", "baseline", EB_COL_RIGHT },
	{ "current", "current", EB_COL_RIGHT },
	{ "change", "change", EB_COL_RIGHT },
	{ "change_pct", "%", EB_COL_RIGHT },
	{ "verdict", "verdict", 0 },
	{ "vs_tcg", "vs_tcg", 0 },
};

/* The verdict column: FAIL says by how much or why. */
static void verdict(struct eb_vtable *t, const struct eb_count_gate_row *r)
{
	char d[64];

	if (r->verdict == EB_GATE_WORSE)
		eb_vstr(t, "%s (%s %s)", verdicts[r->verdict],
			eb_format_figure(d, sizeof(d), r->cur - r->base, t->unit,
					 true), t->unit);
	else if (r->verdict == EB_GATE_BROKEN)
		eb_vstr(t, "%s (%s)", verdicts[r->verdict], r->why);
	else
		eb_vstr(t, "%s", verdicts[r->verdict]);
}

int eb_count_gate_table(struct eb_view *view, const char *tier,
			const struct eb_count_gate_row *rows, size_t n)
{
	bool nested = strcmp(tier, "nested") == 0;
	struct eb_vtable *t = eb_view_table(view, tier, NULL, columns,
					    N_OF(columns) - !nested);
	int failed = 0;

	for (size_t i = 0; i < n; i++) {
		const struct eb_count_gate_row *r = &rows[i];
		bool both = !isnan(r->base) && !isnan(r->cur);

		eb_vrow(t);
		eb_vstr(t, "%s", r->name);
		eb_vstr(t, "%s", r->mode);
		eb_vfigure(t, r->base, false);
		eb_vfigure(t, r->cur, false);
		eb_vfigure(t, both ? r->cur - r->base : NAN, true);
		eb_vnumber(t, !both ? NAN : r->base ? 100 * (r->cur - r->base) /
			   r->base : 0.0, "%+.1f%%");
		verdict(t, r);
		if (nested)
			eb_vstr(t, "%s", r->vs_tcg);
		failed += eb_count_gate_failed(r->verdict);
	}
	return failed;
}
