/* SPDX-License-Identifier: MIT */
/* The human view of a results document, used by `run` and `show`. */
#ifndef EB_TABLE_H
#define EB_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

/*
 * A figure as every table prints it: exact instruction counts (unit
 * insns) as integers, with two decimals only when the value has a
 * fraction (a median between two counts, 55.50; not GSL's p5 of {3, 3},
 * 2.9999999999999996); cycles with two decimals.  sign: "+" for changes.
 * NaN is "-".  Returns out.
 */
const char *eb_format_figure(char *out, size_t size, double v,
			     const char *unit, bool sign);

struct eb_view;

/*
 * show's view of res (results/view.h): a table of summaries per tier,
 * then skip reasons, failures and the torture, injection and counters
 * tables.  Returns the number of variants not pass/skipped.
 */
int eb_table_view(struct eb_view *view, const json_t *res);

/* Tier nested: "equal", "differs" or "exits" against the tcg tier, or "-". */
const char *eb_table_vs_tcg(const json_t *variant);

/* That view as the terminal table; returns eb_table_view()'s count. */
int eb_table_print(FILE *f, const json_t *res);

#endif
