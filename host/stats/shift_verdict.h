/* SPDX-License-Identifier: MIT */
/*
 * The one decision rule for cycles, in both directions, shared by compare,
 * gate --cycles and plot: the distribution-free interval [lo, hi] of the
 * shift of ln values (stats/hodges_lehmann.h), each end at level alpha,
 * against the threshold t = ln(1 + max(tau_rel, tau_abs / base median)):
 *
 *	slower       lo > t            (new / base is above 1 + tau)
 *	faster       hi < -t           (below 1 / (1 + tau))
 *	same         -t <= lo, hi <= t (within a factor 1 + tau either way)
 *	no evidence  otherwise
 *	impossible   the counts cannot reach alpha at all (min_p > alpha)
 *
 * slower and faster are each a one-sided test of "the change is at most
 * tau" at level alpha, and same is their two one-sided tests (TOST)
 * together: whatever the true change within tau, "slower" is said with
 * probability at most alpha, and an A/A pair says slower or faster with
 * probability at most 2 alpha, at any noise and any number of trials.
 */
#ifndef EB_SHIFT_VERDICT_H
#define EB_SHIFT_VERDICT_H

#include "stats/hodges_lehmann.h"

struct eb_thresholds {
	double alpha;		/* level of each end of the interval */
	double tau_rel;		/* a change within 1 + tau_rel ... */
	double tau_abs;		/* ... or tau_abs units of the base is tolerated */
};

/*
 * 0.5 %: with alpha 0.01 and 10 trials per arm this gives 90 % power at
 * +5 % under 2 % noise (README, "Comparing, gating and plotting"); one
 * unit (cycle) keeps variants of under 200 cycles from failing on less.
 */
#define EB_THRESHOLDS_DEFAULT \
	((struct eb_thresholds){ .alpha = 0.01, .tau_rel = 0.005, .tau_abs = 1 })

/* No evidence first: a change never judged (zeroed) claims nothing. */
enum eb_shift_outcome {
	EB_NO_EVIDENCE,
	EB_SLOWER,
	EB_FASTER,
	EB_SAME,
	EB_IMPOSSIBLE,
};

/* t = ln(1 + max(tau_rel, tau_abs / base)); base is the base arm's median. */
double eb_shift_threshold(const struct eb_thresholds *t, double base);

enum eb_shift_outcome eb_shift_verdict(const struct eb_shift *s, double alpha,
				 double threshold);

/* "slower", "faster", "same", "no evidence", "impossible". */
const char *eb_shift_outcome_name(enum eb_shift_outcome v);

#endif
