/* SPDX-License-Identifier: MIT */
/*
 * Percentile bootstrap confidence intervals for a two-sample statistic.
 * Each arm is resampled with replacement on its own (trials of the two
 * arms are independent boots), from GSL's MT19937 with a given seed, so
 * the interval is reproducible.
 */
#ifndef EB_BOOTSTRAP_H
#define EB_BOOTSTRAP_H

#include <stddef.h>

typedef double (*eb_two_sample_stat)(const double *x, size_t m,
				     const double *y, size_t n);

struct eb_interval {
	double lo, hi;
};

#define EB_BOOTSTRAP_RESAMPLES	2000
#define EB_BOOTSTRAP_SEED	1

/*
 * The central `level` (e.g. 0.95) interval of stat over `resamples`
 * resamples.  NANs when a sample is empty or the statistic is undefined.
 */
struct eb_interval eb_bootstrap(eb_two_sample_stat stat,
				const double *x, size_t m,
				const double *y, size_t n,
				unsigned resamples, double level,
				unsigned long seed);

#endif
