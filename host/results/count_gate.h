/* SPDX-License-Identifier: MIT */
/*
 * The deterministic gate: instruction counts of a current run against a
 * baseline, variant by variant.  Exact counts need no statistics: any
 * increase is a regression.
 */
#ifndef EB_COUNT_GATE_H
#define EB_COUNT_GATE_H

#include <stddef.h>

#include <jansson.h>

enum eb_gate_verdict {
	EB_GATE_SAME,		/* pass */
	EB_GATE_BETTER,		/* pass: fewer instructions */
	EB_GATE_NEW,		/* pass: not in the baseline yet */
	EB_GATE_WORSE,		/* FAIL: more instructions */
	EB_GATE_MISSING,	/* FAIL: in the baseline, not in this run */
	EB_GATE_BROKEN,		/* FAIL: did not pass its check (or no value) */
	EB_GATE_NOT_RUN,	/* not measured: another variant's crash ended
				   its boot first.  Not compared, so no pass;
				   the report blames the crashed one */
};

struct eb_count_gate_row {
	const char *name;		/* borrowed from the documents, */
	const char *mode;		/* as is the mode, or a linux file's column */
	double base, cur;		/* medians; NAN where there is none */
	enum eb_gate_verdict verdict;
	const char *why;		/* the status, for BROKEN and NOT_RUN */
	const char *detail;		/* its first trial's detail, or "" */
};

/*
 * One row per (name, mode) of either document, baseline order first, new
 * variants after; *rows is malloc'd.  Returns the number of rows.
 */
size_t eb_count_gate_rows(const json_t *base, const json_t *cur,
			  struct eb_count_gate_row **rows);

static inline int eb_count_gate_failed(enum eb_gate_verdict v)
{
	return v >= EB_GATE_WORSE;
}

struct eb_view;

/*
 * The table of the rows, in the unit of tier, added to view
 * (results/view.h); returns the number of failing rows.
 */
int eb_count_gate_table(struct eb_view *view, const char *tier,
			const struct eb_count_gate_row *rows, size_t n);

#endif
