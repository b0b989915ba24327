/* SPDX-License-Identifier: MIT */
/* The plot kinds linked in (plot/kind.h), in the order plot lists them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/array.h"
#include "plot/kind.h"

extern const struct eb_plot_kind *const __start_eb_plot_kind_ptrs[];
extern const struct eb_plot_kind *const __stop_eb_plot_kind_ptrs[];

#define MAX_KINDS	32	/* --kind is a bit set (lib/options.h) */

static const struct eb_plot_kind *sorted[MAX_KINDS];
static const char *names[MAX_KINDS + 1];
static size_t nkinds;

/* The kinds of each file, then of two, then of a series; by name within. */
static int by_inputs_name(const void *a, const void *b)
{
	const struct eb_plot_kind *x = *(const struct eb_plot_kind *const *)a;
	const struct eb_plot_kind *y = *(const struct eb_plot_kind *const *)b;

	if (x->inputs != y->inputs)
		return x->inputs < y->inputs ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Link order is the build's business; the order users see is ours. */
static void sort_once(void)
{
	size_t n = (size_t)(__stop_eb_plot_kind_ptrs - __start_eb_plot_kind_ptrs);

	if (nkinds)
		return;
	if (n > MAX_KINDS) {
		fprintf(stderr, "entrybench: %zu plot kinds linked in, at most %d: "
			"--kind is a 32-bit set\n", n, MAX_KINDS);
		abort();
	}
	memcpy(sorted, __start_eb_plot_kind_ptrs, n * sizeof(*sorted));
	qsort(sorted, n, sizeof(*sorted), by_inputs_name);
	for (size_t i = 0; i < n; i++)
		names[i] = sorted[i]->name;
	nkinds = n;
}

const struct eb_plot_kind *const *eb_plot_kinds(size_t *n)
{
	sort_once();
	*n = nkinds;
	return sorted;
}

const char *const *eb_plot_kind_names(void)
{
	sort_once();
	return names;
}

unsigned eb_plot_kind_defaults(void)
{
	unsigned bits = 0;

	sort_once();
	for (size_t i = 0; i < nkinds; i++)
		if (sorted[i]->by_default)
			bits |= 1u << i;
	return bits;
}

static const char *const inputs_text[] = {
	[EB_PLOT_EACH_FILE] = "each file",
	[EB_PLOT_TWO_FILES] = "two files, BASE NEW",
	[EB_PLOT_SERIES] = "the files in order",
};

const char *eb_plot_inputs_text(enum eb_plot_inputs inputs)
{
	return (size_t)inputs < N_OF(inputs_text) ? inputs_text[inputs] : "?";
}

bool eb_plot_kind_takes(const struct eb_plot_kind *k, size_t nfiles,
			char *err, size_t size)
{
	if (k->inputs == EB_PLOT_TWO_FILES && nfiles != 2) {
		snprintf(err, size, "--kind %s takes exactly two files, BASE NEW",
			 k->name);
		return false;
	}
	if (nfiles == 0) {
		snprintf(err, size, "--kind %s takes at least one file", k->name);
		return false;
	}
	return true;
}
