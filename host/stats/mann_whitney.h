/* SPDX-License-Identifier: MIT */
/*
 * One-sided Mann-Whitney (Wilcoxon rank-sum) test: does y tend to be
 * larger than x?  Used on one value per trial (boot), so samples are small
 * and the null distribution is counted exactly rather than approximated.
 */
#ifndef EB_MANNWHITNEY_H
#define EB_MANNWHITNEY_H

#include <stddef.h>

/*
 * Up to this many values in both samples together the p-value is exact:
 * the permutation distribution of the rank sum, mid-ranks for ties
 * included, is counted by dynamic programming over the pooled sample.
 * Beyond it the normal approximation (tie-corrected, continuity-corrected)
 * is used; it is good to about 1e-3 there.
 */
#define EB_MW_EXACT_MAX	100

/*
 * P(W >= w_obs) under H0 (x and y exchangeable), W the rank sum of y.
 * 1 when either sample is empty or every value is tied.
 */
double eb_mw_p_greater(const double *x, size_t m, const double *y, size_t n);

#endif
