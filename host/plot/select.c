/* SPDX-License-Identifier: MIT */
/*
 * Choosing what a plot draws (variants, units) and naming it (titles,
 * labels), for every plot kind; plot/select.h says what each does.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <stdio.h>

#include "plot/select.h"
#include "results/compare.h"
#include "results/provenance.h"
#include "results/results.h"
#include "tiers/tier.h"

/*
 * The families of bench-kernel/variant.c and the probes' (linux-guest/),
 * in the order the legend names them; Okabe-Ito colours, which
 * colour-blind readers tell apart.
 */
static const struct family {
	const char *family, *label, *colour;
	int order;
} families[] = {
	{ "syscall", "SYSCALL", "#0072b2", 0 },
	{ "int80-gate", "INT 0x80", "#e69f00", 1 },
	{ "sysenter", "SYSENTER", "#009e73", 2 },
	{ "exception", "exceptions", "#cc79a7", 3 },
	{ "nmi", "NMI", "#d55e00", 4 },
	{ "pv", "PV and pv-ops", "#56b4e9", 5 },
	{ "pvops", "PV and pv-ops", "#56b4e9", 5 },
	{ "vmexit", "hypercalls and exits", "#f0e442", 6 },
	{ "vdso", "vDSO (no kernel entry)", "#999999", 7 },
};

struct eb_plot_group eb_plot_group(const json_t *v)
{
	struct eb_plot_group g = { .order = 8, .colour = "#cccccc" };
	const char *family = str(v, "family"), *label = "family not recorded";
	/* The real kernel's paths, apart from the bench kernel's models. */
	const char *prefix = eb_variant_column(v) ? "Linux probes: " :
			     strcmp(str(v, "tier"), "native") == 0 ? "host kernel: " : "";

	for (size_t i = 0; i < sizeof(families) / sizeof(*families); i++)
		if (strcmp(families[i].family, family) == 0) {
			g.order = families[i].order;
			g.colour = families[i].colour;
			label = families[i].label;
		}
	if (*family && g.order == 8)
		label = family;		/* a family newer than this table */
	snprintf(g.label, sizeof(g.label), "%s%s", prefix, label);
	if (*prefix)
		g.order += *prefix == 'L' ? 16 : 32;
	return g;
}

static int by_group_name_mode(const void *a, const void *b)
{
	const json_t *x = *(const json_t *const *)a, *y = *(const json_t *const *)b;
	int gx = eb_plot_group(x).order, gy = eb_plot_group(y).order;
	if (gx != gy)
		return gx < gy ? -1 : 1;
	int c = strcmp(str(x, "name"), str(y, "name"));
	return c ? c : strcmp(eb_variant_where(x), eb_variant_where(y));
}

void eb_plot_sort(const json_t **v, size_t n)
{
	qsort(v, n, sizeof(*v), by_group_name_mode);
}

bool eb_plot_exact(const char *unit)
{
	return strcmp(unit, "insns") == 0;
}

/* "QEMU emulator version 7.2.22 (Debian ...)" -> "QEMU 7.2.22". */
static void qemu_version(char *out, size_t size, const json_t *env)
{
	const char *v = str(json_object_get(env, "qemu"), "version");
	const char *at = strstr(v, "version ");
	int len = at ? (int)strcspn(at + 8, " ") : 0;

	if (len)
		snprintf(out, size, "QEMU %.*s", len, at + 8);
	else
		snprintf(out, size, "QEMU %s", *v ? v : "?");
}

/* "package 6.1.192-3" of a Debian kernel, else "sha256 85667e6c7224". */
static void linux_build(char *out, size_t size, const json_t *lk)
{
	const char *sp = strchr(str(lk, "package"), ' ');

	if (sp)
		snprintf(out, size, "package %s", sp + 1);
	else
		snprintf(out, size, "sha256 %.12s", str(lk, "sha256"));
}

/* What was measured: the guest kernel, or the host's for tier native. */
void eb_plot_measured(char *out, size_t size, const json_t *res)
{
	const json_t *env = json_object_get(res, "environment");
	const json_t *lk = json_object_get(json_object_get(env, "linux"), "kernel");
	const char *tier = eb_results_tier(res);
	char rev[64], qemu[96], build[96];

	if (!eb_provenance_revision(res, rev, sizeof(rev)))
		snprintf(rev, sizeof(rev), "unknown");
	qemu_version(qemu, sizeof(qemu), env);
	linux_build(build, sizeof(build), lk);
	if (lk)
		snprintf(out, size, "Linux %s (%s) under %s, guest of entrybench %s",
			 str(lk, "release"), build, qemu, rev);
	else if (strcmp(tier, "native") == 0)
		snprintf(out, size, "the host kernel, entrybench %s", rev);
	else
		snprintf(out, size, "bench kernel of revision %s under %s", rev, qemu);
}

void eb_plot_caption(char *out, size_t size, const json_t *res)
{
	const json_t *env = json_object_get(res, "environment");
	char what[400];

	eb_plot_measured(what, sizeof(what), res);
	snprintf(out, size, "%s; host %s, Linux %s; %s", what,
		 str(json_object_get(env, "cpu"), "model_name"),
		 str(json_object_get(env, "host_kernel"), "release"),
		 str(res, "created"));
	for (; *out; out++)
		if ((unsigned char)*out < ' ')
			*out = ' ';
}

bool eb_plot_wanted(const json_t *v, const struct eb_plot_input *in)
{
	for (size_t i = 0; i < in->nvariants; i++)
		if (strcmp(in->variants[i], str(v, "name")) == 0)
			return true;
	return in->nvariants == 0;
}

size_t eb_plot_select_unit(const struct eb_plot_input *in, const json_t *res,
			   const char *unit, const json_t **out, char *left,
			   size_t size)
{
	size_t i, n = 0, len = 0, more = 0;
	json_t *v;

	*left = '\0';
	json_array_foreach(json_object_get(res, "variants"), i, v) {
		if (strcmp(str(v, "unit"), unit) != 0 || !eb_plot_wanted(v, in))
			continue;
		if (json_is_object(json_object_get(v, "summary"))) {
			if (n < EB_PLOT_MAXV)
				out[n++] = v;
			continue;
		}
		int w = snprintf(left + len, size - len, "%s%s %s", len ? ", " : "",
				 str(v, "name"), str(v, "status"));
		if (w > 0 && len + w < size - 16)
			len += w;
		else {
			left[len] = '\0';
			more++;
		}
	}
	if (more)
		snprintf(left + len, size - len, " and %zu more", more);
	eb_plot_sort(out, n);
	return n;
}

/* Is (name, mode) of v among out[0..n)? */
static bool has_row(const json_t *const *out, size_t n, const json_t *v)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(str(out[i], "name"), str(v, "name")) == 0 &&
		    strcmp(str(out[i], "mode"), str(v, "mode")) == 0)
			return true;
	return false;
}

size_t eb_plot_rows(const struct eb_plot_input *in, const json_t **out)
{
	size_t n = 0, i;
	json_t *v;

	for (size_t d = 0; d < in->n; d++)
		json_array_foreach(json_object_get(in->docs[d], "variants"), i, v)
			if (n < EB_PLOT_MAXV && eb_plot_wanted(v, in) &&
			    !isnan(eb_plot_median(v)) && !has_row(out, n, v))
				out[n++] = v;
	eb_plot_sort(out, n);
	return n;
}

double eb_plot_median(const json_t *v)
{
	const json_t *s = json_object_get(v, "summary");
	return json_is_object(s) ? num(s, "median") : NAN;
}

void eb_plot_tier(char *out, size_t size, const json_t *v)
{
	const struct eb_tier *t = eb_tier(str(v, "tier"));
	snprintf(out, size, "tier %s (%s)", str(v, "tier"), t ? t->describe : "?");
}

void eb_plot_title(char *out, size_t size, const char *stem, const char *what,
		   const json_t *v, const char *left)
{
	char tier[256];

	eb_plot_tier(tier, sizeof(tier), v);
	snprintf(out, size, "%s: %s%s, unit %s%s%s", stem, what, tier,
		 str(v, "unit"), *left ? "; no figure: " : "", left);
}

size_t eb_plot_units(const json_t *res, const char **out, size_t max)
{
	size_t i, n = 0, j;
	json_t *v;

	json_array_foreach(json_object_get(res, "variants"), i, v) {
		for (j = 0; j < n && strcmp(out[j], str(v, "unit")) != 0; j++)
			;
		if (j == n && n < max)
			out[n++] = str(v, "unit");
	}
	return n;
}

void eb_plot_label(char *out, size_t size, const json_t *v)
{
	snprintf(out, size, "%s (%s)", str(v, "name"), eb_variant_where(v));
	for (; *out; out++)
		if ((unsigned char)*out < ' ')
			*out = ' ';
}

/* Is name a variant (in any mode) of any of the files? */
static bool known(const struct eb_plot_input *in, const char *name)
{
	size_t i;
	json_t *x;

	for (size_t d = 0; d < in->n; d++)
		json_array_foreach(json_object_get(in->docs[d], "variants"), i, x)
			if (strcmp(str(x, "name"), name) == 0)
				return true;
	return false;
}

bool eb_plot_check(const struct eb_plot_input *in, char *err, size_t size)
{
	for (size_t i = 0; i < in->nvariants; i++)
		if (!known(in, in->variants[i])) {
			snprintf(err, size, "--variants %s: no such variant in any "
				 "of the %zu files", in->variants[i], in->n);
			return false;
		}
	for (size_t d = 0; d < in->n; d++) {
		size_t i;
		json_t *v;
		json_array_foreach(json_object_get(in->docs[d], "variants"), i, v)
			if (json_is_object(json_object_get(v, "summary")))
				return true;
	}
	snprintf(err, size, "%s%s: no variant has a figure (a passing, timed "
		 "trial): nothing to plot; a --torture or --inject-nmi run has "
		 "verdicts only (entrybench show)", in->paths[0],
		 in->n > 1 ? " ..." : "");
	return false;
}
