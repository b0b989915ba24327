/* SPDX-License-Identifier: MIT */
/*
 * Hodges-Lehmann estimates of how far sample y sits from sample x: the
 * median over all m*n pairs (x_i, y_j).  Robust to the odd slow boot, and
 * the natural companion of the Mann-Whitney test.
 */
#ifndef EB_HL_H
#define EB_HL_H

#include <stddef.h>

/* median(y_j - x_i), in the samples' unit; NAN if a sample is empty. */
double eb_hl_diff(const double *x, size_t m, const double *y, size_t n);

/*
 * The HL shift on logarithms, exp(median(ln y_j - ln x_i)): the typical
 * ratio y/x.  Identical to the median of the pairwise ratios y_j/x_i when
 * m*n is odd; when even, the geometric (not arithmetic) mean of the two
 * middle ratios.  Every value must be > 0; NAN otherwise.
 */
double eb_hl_ratio(const double *x, size_t m, const double *y, size_t n);

#endif
