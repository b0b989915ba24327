/* SPDX-License-Identifier: MIT */
#include <math.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "stats/summary.h"

struct eb_stats eb_stats(double *x, size_t n)
{
	if (n == 0)
		return (struct eb_stats){ .min = NAN, .max = NAN, .median = NAN,
					  .p5 = NAN, .p95 = NAN, .mean = NAN };
	gsl_sort(x, 1, n);
	/* GSL's quantile interpolates linearly between order statistics. */
	return (struct eb_stats){
		.n = n,
		.min = x[0],
		.max = x[n - 1],
		.median = gsl_stats_median_from_sorted_data(x, 1, n),
		.p5 = gsl_stats_quantile_from_sorted_data(x, 1, n, 0.05),
		.p95 = gsl_stats_quantile_from_sorted_data(x, 1, n, 0.95),
		.mean = gsl_stats_mean(x, 1, n),
	};
}
