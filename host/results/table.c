/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "results/linux_table.h"
#include "results/results.h"
#include "results/table.h"
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

static void number(FILE *f, const json_t *v, const json_t *summary,
		   const char *key)
{
	json_t *x = json_object_get(summary, key);
	char text[64];

	fprintf(f, " %12s", eb_format_figure(text, sizeof(text),
		json_is_number(x) ? json_number_value(x) : NAN, str(v, "unit"),
		false));
}

/* A header whenever the tier changes: the unit is never implicit. */
static void header(FILE *f, const char *tier_name)
{
	const struct eb_tier *tier = eb_tier(tier_name);

	fprintf(f, "\ntier %s (%s), unit %s\n", tier->name, tier->describe,
		tier->unit);
	fprintf(f, "%-24s %-7s %-8s %12s %12s %12s %12s %4s\n", "variant",
		"mode", "check", "median", "min", "p5", "p95", "n");
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

int eb_table_print(FILE *f, const json_t *res)
{
	const json_t *variants = json_object_get(res, "variants");
	const char *tier = NULL;
	size_t i;
	json_t *v;
	int bad = 0;

	/* A linux-tier file: probes down, command lines across. */
	bool pivoted = eb_linux_table_print(f, res);
	json_array_foreach(variants, i, v) {
		if (tortured(v) || pivoted)
			continue;
		if (!tier || strcmp(tier, str(v, "tier")) != 0)
			header(f, tier = str(v, "tier"));
		const char *status = str(v, "status");
		json_t *s = json_object_get(v, "summary");
		fprintf(f, "%-24s %-7s %-8s", str(v, "name"), str(v, "mode"),
			strcmp(status, "fail") == 0 ? "FAIL" : status);
		number(f, v, s, "median");
		number(f, v, s, "min");
		number(f, v, s, "p5");
		number(f, v, s, "p95");
		fprintf(f, " %4lld\n", (long long)json_integer_value(
						json_object_get(s, "n")));
	}

	/* Then everything that did not simply pass, loudly. */
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
	return bad + eb_torture_table(f, res) + eb_nmi_table(f, res) +
	       eb_counters_table(f, res);
}
