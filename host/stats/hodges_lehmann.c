/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "stats/hodges_lehmann.h"

static double pairwise_median(const double *x, size_t m, const double *y,
			      size_t n, bool logs)
{
	if (m == 0 || n == 0)
		return NAN;
	double *d = malloc(m * n * sizeof(*d));
	if (!d)
		abort();
	for (size_t i = 0; i < m; i++)
		for (size_t j = 0; j < n; j++) {
			if (logs && (x[i] <= 0 || y[j] <= 0)) {
				free(d);
				return NAN;
			}
			d[i * n + j] = logs ? log(y[j]) - log(x[i]) : y[j] - x[i];
		}
	gsl_sort(d, 1, m * n);
	double med = gsl_stats_median_from_sorted_data(d, 1, m * n);
	free(d);
	return med;
}

double eb_hl_diff(const double *x, size_t m, const double *y, size_t n)
{
	return pairwise_median(x, m, y, n, false);
}

double eb_hl_ratio(const double *x, size_t m, const double *y, size_t n)
{
	return exp(pairwise_median(x, m, y, n, true));
}
