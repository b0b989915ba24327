/* SPDX-License-Identifier: MIT */
/* Order statistics over a sample of doubles (GSL does the work). */
#ifndef EB_SUMMARY_H
#define EB_SUMMARY_H

#include <stddef.h>

struct eb_stats {
	size_t n;
	double min, max, median, p5, p95, mean;
};

/* Sorts x in place.  n == 0 yields n == 0 and NaNs. */
struct eb_stats eb_stats(double *x, size_t n);

#endif
