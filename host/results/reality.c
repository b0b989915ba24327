/* SPDX-License-Identifier: MIT */
/* Model against reality: results/reality.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lib/array.h"
#include "results/compare.h"
#include "results/linux_results.h"
#include "results/reality.h"
#include "results/results.h"
#include "results/table.h"
#include "tiers/tier.h"

static const char *str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

bool eb_reality_pair(const json_t *model, const json_t *real, char *why,
		     size_t size)
{
	const struct eb_tier *tm = eb_tier(eb_results_tier(model));
	const struct eb_tier *tr = eb_tier(eb_results_tier(real));
	char untimed[512];

	*why = '\0';
	if (!tm || !tr || eb_linux_results(model) == eb_linux_results(real))
		return false;
	if (!eb_linux_results(real)) {
		snprintf(why, size, "a model against reality takes the bench "
			 "kernel's file first, the linux tier's second");
		return false;
	}
	if (eb_results_untimed(model, untimed, sizeof(untimed))) {
		snprintf(why, size, "the model's file is %s", untimed);
		return false;
	}
	if (!eb_tier_exact(tm)) {
		snprintf(why, size, "tier %s counts %s, tier %s instructions: a model "
			 "stands beside reality in one unit (a tcg run)", tm->name,
			 tm->unit, tr->name);
		return false;
	}
	return true;
}

/* The bench variant of that name, whatever its mode. */
static const json_t *model_variant(const json_t *model, const char *name)
{
	size_t i;
	json_t *v;

	json_array_foreach(json_object_get(model, "variants"), i, v)
		if (strcmp(str(v, "name"), name) == 0 && !eb_variant_column(v))
			return v;
	return NULL;
}

/* Every CPU's column of the first command line real has. */
static size_t reference_columns(const json_t *real, const char **col, size_t max)
{
	const json_t *cols = json_object_get(json_object_get(
		json_object_get(real, "environment"), "linux"), "columns");
	const json_t *first = NULL;
	size_t i, n = 0;
	json_t *v;

	json_array_foreach(json_object_get(real, "variants"), i, v) {
		const json_t *c = json_object_get(cols, eb_variant_column(v));
		size_t j;
		if (!first)
			first = c;
		if (!c || strcmp(str(c, "append"), str(first, "append")))
			continue;
		for (j = 0; j < n && strcmp(col[j], eb_variant_column(v)); j++)
			;
		if (j == n && n < max)
			col[n++] = eb_variant_column(v);
	}
	return n;
}

/* The row of probe v (of some reference column), unless it has one. */
static void add_row(const json_t *model, const json_t *real, const json_t *v,
		    const char *const *col, size_t ncol,
		    struct eb_reality_row *rows, size_t *n)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp(rows[i].probe, str(v, "name")) &&
		    !strcmp(rows[i].peer, str(v, "peer")))
			return;
	struct eb_reality_row *r = &rows[(*n)++];
	*r = (struct eb_reality_row){ .probe = str(v, "name"), .peer = str(v, "peer"),
				      .model = model_variant(model, str(v, "peer")) };
	for (size_t c = 0; c < ncol; c++) {
		const json_t *w = eb_results_column_variant(real, r->probe,
							    str(v, "mode"), col[c]);
		/* The peer may depend on the CPU (vsyscall32: Intel only). */
		r->real[c] = w && !strcmp(str(w, "peer"), r->peer) ? w : NULL;
	}
}

/* The rows of one model next to each other, models in order of appearance. */
static void group_by_model(struct eb_reality_row *r, size_t n)
{
	for (size_t i = 0; i + 1 < n; i++)
		for (size_t j = i + 1; j < n; j++) {
			if (strcmp(r[j].peer, r[i].peer) != 0)
				continue;
			struct eb_reality_row x = r[j];
			memmove(&r[i + 2], &r[i + 1], (j - i - 1) * sizeof(*r));
			r[++i] = x;
		}
}

size_t eb_reality_rows(const json_t *model, const json_t *real,
		       const char **columns, size_t *ncolumns,
		       struct eb_reality_row **rows)
{
	const json_t *vars = json_object_get(real, "variants");
	struct eb_reality_row *r = calloc(json_array_size(vars) + 1, sizeof(*r));
	size_t i, n = 0;
	json_t *v;

	if (!r)
		abort();
	*ncolumns = reference_columns(real, columns, N_OF(r->real));
	json_array_foreach(vars, i, v) {
		bool reference = false;
		for (size_t c = 0; c < *ncolumns && !reference; c++)
			reference = !strcmp(eb_variant_column(v), columns[c]);
		if (reference && *str(v, "peer"))
			add_row(model, real, v, columns, *ncolumns, r, &n);
	}
	group_by_model(r, n);
	*rows = r;
	return n;
}

/* A variant's median over trials; NAN without one. */
static double median(const json_t *v)
{
	const json_t *s = json_object_get(v, "summary");
	return json_is_object(s) ? json_number_value(json_object_get(s, "median")) : NAN;
}

static void figure(FILE *f, double v, int width)
{
	char text[64];
	fprintf(f, " %*s", width, eb_format_figure(text, sizeof(text), v, "insns",
						      false));
}

/* A column as wide as its label, at least 9. */
static int width(const char *label)
{
	return strlen(label) > 9 ? (int)strlen(label) : 9;
}

static void print_row(FILE *f, const struct eb_reality_row *r,
		      const char *const *col, size_t ncol)
{
	double m = median(r->model);

	fprintf(f, "%-20s %-7s", r->peer, r->model ? str(r->model, "mode") : "-");
	figure(f, m, 6);
	fprintf(f, "  %-20s", r->probe);
	for (size_t c = 0; c < ncol; c++) {
		double x = median(r->real[c]);
		figure(f, x, width(col[c]));
		if (isnan(x) || isnan(m) || m <= 0)
			fprintf(f, " %7s", "-");
		else
			fprintf(f, " %6.2fx", x / m);
	}
	fputc('\n', f);
}

void eb_reality_print(FILE *f, const json_t *model, const char *mname,
		      const json_t *real, const char *rname)
{
	const char *col[8];
	size_t ncol, i;
	struct eb_reality_row *rows;
	size_t n = eb_reality_rows(model, real, col, &ncol, &rows);
	const json_t *k = json_object_get(json_object_get(json_object_get(
		real, "environment"), "linux"), "kernel");

	fprintf(f, "model against reality, unit insns per round trip:\n"
		"  model  %s (tier %s: the bench kernel's variants)\n"
		"  real   %s (tier %s: Linux %s, its probes)\n"
		"ratio = real / model: how much of Linux's path the model leaves "
		"out (linux-guest/README.md says what)\n\n",
		mname, eb_results_tier(model), rname, eb_results_tier(real),
		*str(k, "release") ? str(k, "release") : "(release unknown)");
	fprintf(f, "%-20s %-7s %6s  %-20s", "model", "mode", "insns", "probe");
	for (i = 0; i < ncol; i++)
		fprintf(f, " %*s %7s", width(col[i]), col[i], "ratio");
	fputc('\n', f);
	for (i = 0; i < n; i++)
		print_row(f, &rows[i], col, ncol);
	if (!n)
		fprintf(f, "(no probe of %s names a model)\n", rname);
	free(rows);
}
