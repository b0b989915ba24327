/* SPDX-License-Identifier: MIT */
/*
 * Hodges-Lehmann estimates of the shift between two arms, on the
 * logarithms of the values, and the distribution-free (Moses) interval
 * that goes with them.  On logarithms a shift is a ratio: exp(est) is the
 * typical new / base, and the interval exp(lo)..exp(hi) that of the ratio.
 *
 *  - paired (an ABBA set): d_i = ln y_i - ln x_i for the n pairs; est is
 *    the median of the n(n+1)/2 Walsh averages (d_i + d_j) / 2, i <= j;
 *    lo and hi the k-th smallest and k-th largest of them, k the
 *    signed-rank critical count.
 *  - two samples (two runs): est is the median of the m*n differences
 *    ln y_j - ln x_i; lo and hi their k-th smallest and largest, k the
 *    rank-sum critical count.
 *
 * Each end of the interval errs with probability at most alpha, for any
 * continuous distribution symmetric about the shift (paired) or of one
 * shape in both arms (two samples); ties only widen it.  It is the
 * interval inverted from the signed-rank or Mann-Whitney test: lo > 0 is
 * that test's one-sided p <= alpha.
 *
 * Order statistics are selected by counting, never by listing all pairs:
 * memory stays O(m + n) and a results file of 10,000 trials per arm is
 * no 800 MB array.
 */
#ifndef EB_HL_H
#define EB_HL_H

#include <stddef.h>

struct eb_shift {
	double est;		/* HL estimate of ln(new / base) */
	double lo, hi;		/* its interval; -INF, +INF when out of reach */
	double min_p;		/* smallest one-sided p these counts allow */
};

/*
 * Every value must be finite and > 0 (the results reader guarantees it
 * for every passing trial); est is NAN, the interval unbounded and min_p
 * 1 when an arm is empty or a value is not.
 */
struct eb_shift eb_hl_paired(const double *x, const double *y, size_t n,
			     double alpha);
struct eb_shift eb_hl_two_sample(const double *x, size_t m,
				 const double *y, size_t n, double alpha);

#endif
