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
	double base, cur;		/* medians (linux: floors); NAN if none */
	enum eb_gate_verdict verdict;
	const char *why;		/* the status, for BROKEN and NOT_RUN */
	const char *detail;		/* its first trial's detail, or "" */
	const char *vs_tcg;		/* tier nested: the current's (else the
					   baseline's) eb_table_vs_tcg() */
};

/*
 * The linux tier is gated on each probe's floor, its cheapest batch per
 * round trip, and a count may rise by this much (instructions per round
 * trip) before it is a regression.  A change to an entry path adds whole
 * instructions to every trip, so to every batch and the floor; what moves
 * without one is the kernel's periodic work (the tick, LRU and page
 * batching) spread over a batch of k trips, which an unrelated change to
 * the guest binary shifts between batches.  Measured over four guest
 * binaries (NOTES.md): medians of pf-minor moved by up to 0.59 (two
 * clusters an instruction apart, the median between or on either), floors
 * by up to 0.28, pipe-pingpong's floor and every system call's count not
 * at all.  Half an instruction passes that and fails any whole one.  The
 * exact tiers (tcg) keep medians and no slack.
 */
#define EB_LINUX_GATE_SLACK	0.5

/*
 * One row per (name, mode) of either document, baseline order first, new
 * variants after; *rows is malloc'd.  Returns the number of rows.  Rows of
 * a linux-tier baseline carry floors and are judged with
 * EB_LINUX_GATE_SLACK; others carry medians, judged exactly.
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
 * (results/view.h); tier nested has show's vs_tcg column too.  Returns
 * the number of failing rows.
 */
int eb_count_gate_table(struct eb_view *view, const char *tier,
			const struct eb_count_gate_row *rows, size_t n);

#endif
