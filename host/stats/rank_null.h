/* SPDX-License-Identifier: MIT */
/*
 * Null distributions of the two rank statistics behind the cycle
 * statistics, and what they allow: the Wilcoxon signed-rank statistic T+
 * of n paired differences (the ABBA pairs of gate --cycles) and the
 * Mann-Whitney statistic U of two independent samples of m and n values
 * (compare of two runs).  Both are distribution-free: under "no change"
 * their distribution depends on the counts only, so it is counted here,
 * not estimated.
 *
 * The critical count k of a one-sided level alpha is the largest k with
 * P(T <= k - 1) <= alpha (T is T+ or U).  The distribution-free interval
 * of the shift runs from the k-th smallest to the k-th largest of the
 * Walsh averages (paired) or pairwise differences (two samples): each end
 * is wrong with probability at most alpha.  k == 0 means alpha is out of
 * reach: even the most extreme outcome, of probability min_p, is more
 * likely than alpha.
 */
#ifndef EB_RANK_NULL_H
#define EB_RANK_NULL_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Up to this many pairs (signed rank) or values in both samples (rank
 * sum) the distribution is counted exactly; beyond, the normal
 * approximation with a continuity correction gives k (off by at most one
 * there: tests/unit/test_cycle_gate_stats.c).
 */
#define EB_RANK_EXACT_MAX	200

/*
 * p <= alpha, with a relative slack of 1e-9 so that a probability equal
 * to alpha (2^-7 against --alpha 0.0078125) is not lost to rounding.
 */
bool eb_p_reaches(double p, double alpha);

/* Signed rank: P(T+ = 0) = 2^-n, the smallest p of n pairs. */
double eb_signed_rank_min_p(size_t n);
size_t eb_signed_rank_critical(size_t n, double alpha);
/* The fewest pairs whose smallest p reaches alpha. */
size_t eb_signed_rank_min_n(double alpha);

/* Rank sum: P(U = 0) = 1 / C(m + n, n). */
double eb_rank_sum_min_p(size_t m, size_t n);
size_t eb_rank_sum_critical(size_t m, size_t n, double alpha);
/* The fewest values per arm (equal arms) whose smallest p reaches alpha. */
size_t eb_rank_sum_min_n(double alpha);

#endif
