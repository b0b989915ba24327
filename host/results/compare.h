/* SPDX-License-Identifier: MIT */
/*
 * Comparing two results documents variant by variant.  Instruction counts
 * (tcg) are exact, so their change is a plain difference; cycles (kvm) are
 * noisy, so the change is a Hodges-Lehmann ratio over one value per trial
 * (boot), with its distribution-free interval and the verdict of the one
 * rule in stats/shift_verdict.h.  Two runs are independent samples; the
 * two arms of one gate --cycles set are pairs (stats/cycle_gate_test.h).
 * Batches inside one boot are never the unit: they share the boot's
 * placement, frequency and cache state, so they are not independent.
 */
#ifndef EB_COMPARE_H
#define EB_COMPARE_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "results/results.h"
#include "stats/shift_verdict.h"

/* environment.tier of a results document ("" if absent). */
const char *eb_results_tier(const json_t *res);

/*
 * Names the comparability fields (those the fingerprint covers) that differ
 * between two environments, e.g. "qemu.version, mitigations.retbleed";
 * false and "" when they agree.
 */
bool eb_env_diff(const json_t *a, const json_t *b, char *out, size_t size);

/*
 * May two results of the same tier be compared?  Different environments
 * make cycles incomparable (false, err says which fields and that --force
 * overrides), unless force; instruction counts depend on the guest code
 * only, so for them err gets a note and the answer is true, unless the
 * guest itself differs (the linux tier's kernel or command lines: the
 * fields marked `counts`), which is refused as cycles are.  err is ""
 * when the environments agree.
 */
bool eb_env_comparable(const json_t *base, const json_t *new, bool force,
		       char *err, size_t size);

/*
 * Why res has no timings to compare, gate or plot ("an NMI torture run
 * (--torture nmi): it has verdicts, not timings"), or NULL when it has.
 */
const char *eb_results_untimed(const json_t *res, char *buf, size_t size);

/*
 * Were a and b measured the same way?  The run parameters that change what
 * a figure is (k, batches, warmup, boot; absent in both is the same) that
 * differ, with both values, e.g. "k 64 vs 32"; "" and true when none.
 */
bool eb_same_parameters(const json_t *a, const json_t *b, char *which,
			size_t size);

/*
 * Every check before figures of NEW are set against BASE's, shared by
 * compare, gate and plot --kind compare: both files timed (not a torture
 * or injected NMIs), one tier, the same run parameters and, for cycles,
 * the same environment.  force admits other parameters and environments
 * (never an untimed file or another tier).  False with why in msg, naming
 * the files as bname and nname; true with msg "" or note lines to print.
 */
bool eb_check_comparable(const json_t *base, const char *bname,
			 const json_t *new, const char *nname, bool force,
			 char *msg, size_t size);

struct eb_compare_opts {
	struct eb_thresholds t;	/* cycles: the verdict's level and threshold */
	bool paired;		/* cycles: trial k of base and of new are a pair */
};

struct eb_change {
	size_t m, n;		/* passing trials: base, new (paired: pairs, both) */
	double base, new;	/* medians over trials */
	double diff;		/* insns: new - base; cycles: base * (ratio - 1) */
	double ratio;		/* insns: new / base; cycles: HL ratio */
	double lo, hi;		/* cycles: the ratio's interval (0, INF if none) */
	double threshold;	/* cycles: 1 + max(tau_rel, tau_abs / base) */
	double min_p;		/* cycles: the smallest p these counts allow */
	bool exact;		/* true for a deterministic (insns) unit */
	bool paired;		/* cycles: the paired (ABBA) analysis */
	enum eb_shift_outcome verdict;	/* cycles; insns: EB_NO_EVIDENCE */
};

/*
 * Cycles over plain values: x[0..m) base, y[0..n) new, or (paired) the n
 * pairs (x[i], y[i]) with m == n.  The gate, compare and the simulation in
 * tests/sim all come through here.
 */
struct eb_change eb_compare_values(const double *x, size_t m, const double *y,
				   size_t n, bool paired,
				   const struct eb_thresholds *t);

/* Compares two variants of the same unit; NANs where a side has no trial. */
struct eb_change eb_compare_variant(const json_t *base, const json_t *new,
				    const struct eb_compare_opts *o);

/*
 * The pairs of `sets` ABBA sets pooled: in each set, the passing trial of
 * base[s] and that of new[s] with the same `boot` (trial index of the
 * arm) are neighbours in time.  gate --cycles confirms with it.
 */
struct eb_change eb_compare_pooled(const json_t *const *base,
				   const json_t *const *new, size_t sets,
				   const struct eb_thresholds *t);

/*
 * Are base and new the two arms of one gate --cycles set (the same
 * `abba` order and seed, different arms)?  Then their trials are paired.
 */
bool eb_abba_arms(const json_t *base, const json_t *new);

#endif
