/* SPDX-License-Identifier: MIT */
/*
 * What the plot kinds (plot/<kind>.c) share: choosing the variants and
 * units to draw, and the titles and labels that name them.  Every title
 * names the tier and the unit; one figure never holds two units.
 */
#ifndef EB_PLOT_SELECT_H
#define EB_PLOT_SELECT_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "plot/kind.h"

#define EB_PLOT_MAXV	256	/* variants in one figure */

/* o[key] as a string, "" when absent: a results file is validated, not trusted blindly. */
static inline const char *str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

static inline double num(const json_t *o, const char *key)
{
	return json_number_value(json_object_get(o, key));
}

/* Did --variants choose v (all when it names none)? */
bool eb_plot_wanted(const json_t *v, const struct eb_plot_input *in);

/* v[0..n) by family group (eb_plot_group), name, then mode (a linux
 * file: column): the order of every figure's rows and panels. */
void eb_plot_sort(const json_t **v, size_t n);

/* The distinct units of res, in order of appearance; at most max. */
size_t eb_plot_units(const json_t *res, const char **out, size_t max);

/*
 * Variants of res in unit that --variants chose, with at least one passing
 * trial, sorted (eb_plot_sort), at most EB_PLOT_MAXV.  The chosen ones
 * without (failed, skipped) are named in left, for the title: a figure
 * must not look clean when a variant failed.
 */
size_t eb_plot_select_unit(const struct eb_plot_input *in, const json_t *res,
			   const char *unit, const json_t **out, char *left,
			   size_t size);

/*
 * The rows of a matrix (the heatmaps): one variant for each (name, mode)
 * that --variants chose and that has a figure in some file of in, in any
 * column, sorted (eb_plot_sort); at most EB_PLOT_MAXV.
 */
size_t eb_plot_rows(const struct eb_plot_input *in, const json_t **out);

/* v's median, NAN without a figure (no passing trial, or v NULL). */
double eb_plot_median(const json_t *v);

/* "tier tcg (what tcg is)" of variant v. */
void eb_plot_tier(char *out, size_t size, const json_t *v);

/*
 * "stem: <what>tier tcg (...), unit insns; no figure: int80-32 fail": every
 * title says tier and unit (of v, any variant drawn) and what is missing.
 */
void eb_plot_title(char *out, size_t size, const char *stem, const char *what,
		   const json_t *v, const char *left);

/* "name (mode)" or "name (column)", control characters blanked: a tab
 * would split a TSV row. */
void eb_plot_label(char *out, size_t size, const json_t *v);

/*
 * A variant's family as the legends group it: SYSCALL, INT 0x80,
 * SYSENTER, exceptions, NMI, PV and pv-ops, hypercalls and exits (from
 * the guest's `family`), each of a linux-tier file as "Linux probes: ...";
 * a file from before `family` was recorded: "family not recorded".
 * order sorts the groups, colour stays the family's in every figure.
 */
struct eb_plot_group {
	int order;
	char label[64];
	const char *colour;		/* "#rrggbb" */
};
struct eb_plot_group eb_plot_group(const json_t *v);

/*
 * The second line of every figure's title: what was measured and where,
 * from the results file res: the kernel (the bench kernel's revision, or
 * the Linux release and package; native: the host's), QEMU's version, the
 * host CPU and kernel, and when.
 */
void eb_plot_caption(char *out, size_t size, const json_t *res);

/* Its first part: the kernel measured and QEMU's version. */
void eb_plot_measured(char *out, size_t size, const json_t *res);

/* Is unit a deterministic count (insns), whose trials hold one value? */
bool eb_plot_exact(const char *unit);

#endif
