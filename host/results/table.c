/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "lib/array.h"
#include "results/linux_results.h"
#include "results/linux_table.h"
#include "results/render.h"
#include "results/results.h"
#include "results/table.h"
#include "results/view.h"
#include "run/counting_boots.h"
#include "run/nmi_torture.h"
#include "tiers/tier.h"

static const char *str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

const char *eb_format_figure(char *out, size_t size, double v,
			     const char *unit, bool sign)
{
	/* Below half a hundredth: what %.2f would print as .00 anyway. */
	bool whole = strcmp(unit, "insns") == 0 && fabs(v - rint(v)) < 0.005;

	if (isnan(v))
		snprintf(out, size, "-");
	else
		snprintf(out, size, sign ? (whole ? "%+.0f" : "%+.2f") :
			 (whole ? "%.0f" : "%.2f"), whole ? rint(v) + 0.0 : v);
	return out;
}

/*
 * show's columns; detail (why skipped or failed) is for programs only;
 * the last, vs_tcg, is the nested tier's alone.
 */
static const struct eb_col columns[] = {
	{ "variant", "variant", 0 },
	{ "mode", "mode", 0 },
	{ "status", "check", 0 },
	{ "median", "median", EB_COL_RIGHT },
	{ "min", "min", EB_COL_RIGHT },
	{ "p5", "p5", EB_COL_RIGHT },
	{ "p95", "p95", EB_COL_RIGHT },
	{ "n", "n", EB_COL_RIGHT },
	{ "detail", "detail", EB_COL_DATA },
	{ "vs_tcg", "vs_tcg", 0 },
};

/*
 * A nested figure against the tcg tier's: equal (the path never left L2),
 * differs (it exited to KVM although tcg runs it), exits (tcg cannot run
 * it: a hypercall, port I/O), "-" without a comparison.
 */
const char *eb_table_vs_tcg(const json_t *v)
{
	const json_t *vs = json_object_get(v, "vs_tcg");
	const json_t *eq = json_object_get(vs, "equal");

	if (json_object_get(vs, "tcg_skipped"))
		return "exits";
	if (json_is_boolean(eq))
		return json_is_true(eq) ? "equal" : "differs";
	return "-";
}

static void figure(struct eb_vtable *t, const json_t *summary, const char *key)
{
	json_t *x = json_object_get(summary, key);

	eb_vfigure(t, json_is_number(x) ? json_number_value(x) : NAN, false);
}

/* Torture designs have a table of their own (run/nmi_torture.c). */
static bool tortured(const json_t *v)
{
	return json_object_get(json_array_get(json_object_get(v, "trials"), 0),
			       "torture") != NULL;
}

static bool good(const char *status)
{
	return strcmp(status, "pass") == 0 || strcmp(status, "skipped") == 0;
}

/* o's member key; an absent one as null. */
static json_t *member(const json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return v ? v : json_null();
}

/* Do a and b have equal members at key (absent and null alike)? */
static bool same(const json_t *a, const json_t *b, const char *key)
{
	return json_equal(member(a, key), member(b, key));
}

static bool skipped(const json_t *v)
{
	return !tortured(v) && strcmp(str(v, "status"), "skipped") == 0;
}

/*
 * Skipped variants, one line per reason, which is printed once however
 * many variants (or trials) it kept from running: "skipped a, b (x86_64):
 * why", or "skipped a (x86_64), b (i386): why" across modes.
 */
static void skips(FILE *f, const json_t *variants)
{
	size_t n = json_array_size(variants), i, j;
	bool *printed = calloc(n + 1, sizeof(*printed));
	bool *group = calloc(n + 1, sizeof(*group));

	if (!printed || !group)
		abort();
	for (i = 0; i < n; i++) {
		const json_t *v = json_array_get(variants, i);
		if (printed[i] || !skipped(v))
			continue;
		bool modes = false;	/* does the group span modes? */
		for (j = i; j < n; j++) {
			const json_t *w = json_array_get(variants, j);
			group[j] = !printed[j] && skipped(w) &&
				   same(v, w, "skip_reason");
			modes |= group[j] && strcmp(eb_variant_where(v),
						    eb_variant_where(w));
		}
		fprintf(f, "\nskipped");
		for (j = i; j < n; j++) {
			const json_t *w = json_array_get(variants, j);
			if (!group[j])
				continue;
			fprintf(f, "%s %s", j > i ? "," : "", str(w, "name"));
			if (modes)
				fprintf(f, " (%s)", eb_variant_where(w));
			printed[j] = true;
		}
		if (!modes)
			fprintf(f, " (%s)", eb_variant_where(v));
		fprintf(f, ": %s\n", str(v, "skip_reason"));
	}
	free(printed);
	free(group);
}

/* "3", "0-2" or "0, 2-3": the boots of a group of trials. */
static void boots(FILE *f, const long long *b, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t k = i;
		while (k + 1 < n && b[k + 1] == b[k] + 1)
			k++;
		fprintf(f, i ? ", %lld" : "%lld", b[i]);
		if (k > i)
			fprintf(f, "-%lld", b[k]);
		i = k + 1;
	}
}

/* The trials that did not pass, one line per status and detail. */
static void bad_trials(FILE *f, const json_t *trials)
{
	size_t n = json_array_size(trials), i, j, m;
	bool *done = calloc(n + 1, sizeof(*done));
	long long *b = calloc(n + 1, sizeof(*b));

	if (!done || !b)
		abort();
	for (i = 0; i < n; i++) {
		const json_t *t = json_array_get(trials, i);
		if (done[i] || good(str(t, "status")))
			continue;
		for (j = i, m = 0; j < n; j++) {
			const json_t *u = json_array_get(trials, j);
			if (!done[j] && same(t, u, "status") && same(t, u, "detail")) {
				done[j] = true;
				b[m++] = json_integer_value(json_object_get(u, "boot"));
			}
		}
		fprintf(f, "    trial%s ", m > 1 ? "s" : "");
		boots(f, b, m);
		fprintf(f, ": %s: %s\n", str(t, "status"), str(t, "detail"));
	}
	free(done);
	free(b);
}

/* One row: the summary of a variant's passing trials. */
static void variant_row(struct eb_vtable *t, const json_t *v)
{
	const char *status = str(v, "status");
	json_t *s = json_object_get(v, "summary");

	eb_vrow(t);
	eb_vstr(t, "%s", str(v, "name"));
	eb_vstr(t, "%s", str(v, "mode"));
	eb_vstr(t, "%s", strcmp(status, "fail") == 0 ? "FAIL" : status);
	figure(t, s, "median");
	figure(t, s, "min");
	figure(t, s, "p5");
	figure(t, s, "p95");
	eb_vnumber(t, (double)json_integer_value(json_object_get(s, "n")), "%.0f");
	eb_vstr(t, "%s", strcmp(status, "skipped") == 0 ? str(v, "skip_reason") :
		strcmp(status, "fail") == 0 ? str(v, "check_detail") : "");
	if (t->ncols == N_OF(columns))
		eb_vstr(t, "%s", eb_table_vs_tcg(v));
}

/* A table whenever the tier changes: the unit is never implicit. */
static void variant_tables(struct eb_view *view, const json_t *variants)
{
	struct eb_vtable *t = NULL;
	size_t i;
	json_t *v;

	json_array_foreach(variants, i, v) {
		if (tortured(v))
			continue;
		if (!t || strcmp(t->tier, str(v, "tier")) != 0) {
			eb_view_line(view, "%s", "");
			bool nested = strcmp(str(v, "tier"), "nested") == 0;
			t = eb_view_table(view, str(v, "tier"), NULL, columns,
					  N_OF(columns) - !nested);
		}
		variant_row(t, v);
	}
}

/* Then everything that did not simply pass, loudly; returns how many. */
static int not_passed(FILE *f, const json_t *variants)
{
	size_t i;
	json_t *v;
	int bad = 0;

	skips(f, variants);
	json_array_foreach(variants, i, v) {
		const char *status = str(v, "status");
		if (tortured(v) || good(status))
			continue;
		bad++;
		if (strcmp(status, "fail") == 0)
			fprintf(f, "\n*** CHECK FAILED: %s (%s): %s\n", str(v, "name"),
				eb_variant_where(v), str(v, "check_detail"));
		else
			fprintf(f, "\n*** %s (%s): %s\n", str(v, "name"),
				eb_variant_where(v), status);
		bad_trials(f, json_object_get(v, "trials"));
	}
	return bad;
}

/* What fn printed to a stream, as lines of the view. */
static int captured(struct eb_view *view, bool pre,
		    int (*fn)(FILE *, const json_t *), const json_t *arg)
{
	char *text;
	size_t len;
	FILE *f = open_memstream(&text, &len);
	int n;

	if (!f)
		abort();
	n = fn(f, arg);
	fclose(f);
	eb_view_text(view, text, pre);
	free(text);
	return n;
}

/* A linux-tier file: probes down, command lines across (1 if it was one). */
static int linux_table(FILE *f, const json_t *res)
{
	return eb_linux_table_print(f, res);
}

static int special_tables(FILE *f, const json_t *res)
{
	return eb_torture_table(f, res) + eb_nmi_table(f, res) +
	       eb_counters_table(f, res);
}

int eb_table_view(struct eb_view *view, const json_t *res)
{
	const json_t *variants = json_object_get(res, "variants");

	/* A linux-tier file's pivot is laid out by hand (linux_table.c). */
	if (eb_linux_results(res))
		captured(view, true, linux_table, res);
	else
		variant_tables(view, variants);
	/* The torture, injection and counters tables, laid out as they are. */
	return captured(view, false, not_passed, variants) +
	       captured(view, true, special_tables, res);
}

int eb_table_print(FILE *f, const json_t *res)
{
	struct eb_view *view = eb_view_new("show");
	int bad = eb_table_view(view, res);

	eb_view_render(f, view, EB_FORMAT_TABLE);
	eb_view_free(view);
	return bad;
}
