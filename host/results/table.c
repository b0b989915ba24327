/* SPDX-License-Identifier: MIT */
#include <stdbool.h>
#include <string.h>

#include "results/table.h"
#include "run/counting_boots.h"
#include "run/nmi_torture.h"
#include "tiers/tier.h"

static const char *str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

static void number(FILE *f, const json_t *summary, const char *key)
{
	json_t *v = json_object_get(summary, key);
	if (json_is_number(v))
		fprintf(f, " %12.2f", json_number_value(v));
	else
		fprintf(f, " %12s", "-");
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

int eb_table_print(FILE *f, const json_t *res)
{
	const json_t *variants = json_object_get(res, "variants");
	const char *tier = NULL;
	size_t i, j;
	json_t *v, *t;
	int bad = 0;

	json_array_foreach(variants, i, v) {
		if (tortured(v))
			continue;
		if (!tier || strcmp(tier, str(v, "tier")) != 0)
			header(f, tier = str(v, "tier"));
		const char *status = str(v, "status");
		json_t *s = json_object_get(v, "summary");
		fprintf(f, "%-24s %-7s %-8s", str(v, "name"), str(v, "mode"),
			strcmp(status, "fail") == 0 ? "FAIL" : status);
		number(f, s, "median");
		number(f, s, "min");
		number(f, s, "p5");
		number(f, s, "p95");
		fprintf(f, " %4lld\n", (long long)json_integer_value(
						json_object_get(s, "n")));
	}

	/* Then everything that did not simply pass, loudly. */
	json_array_foreach(variants, i, v) {
		const char *status = str(v, "status");
		if (tortured(v))
			continue;
		if (strcmp(status, "skipped") == 0)
			fprintf(f, "\nskipped %s (%s): %s\n", str(v, "name"),
				str(v, "mode"), str(v, "skip_reason"));
		if (good(status))
			continue;
		bad++;
		if (strcmp(status, "fail") == 0)
			fprintf(f, "\n*** CHECK FAILED: %s (%s): %s\n", str(v, "name"),
				str(v, "mode"), str(v, "check_detail"));
		else
			fprintf(f, "\n*** %s (%s): %s\n", str(v, "name"),
				str(v, "mode"), status);
		json_array_foreach(json_object_get(v, "trials"), j, t)
			if (!good(str(t, "status")))
				fprintf(f, "    trial %lld: %s: %s\n",
					(long long)json_integer_value(
						json_object_get(t, "boot")),
					str(t, "status"), str(t, "detail"));
	}
	return bad + eb_torture_table(f, res) + eb_nmi_table(f, res) +
	       eb_counters_table(f, res);
}
