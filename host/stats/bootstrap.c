/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "stats/bootstrap.h"

struct eb_interval eb_bootstrap(eb_two_sample_stat stat,
				const double *x, size_t m,
				const double *y, size_t n,
				unsigned resamples, double level,
				unsigned long seed)
{
	struct eb_interval ci = { NAN, NAN };
	if (m == 0 || n == 0 || resamples == 0)
		return ci;

	double *xs = malloc(m * sizeof(*xs)), *ys = malloc(n * sizeof(*ys));
	double *s = malloc(resamples * sizeof(*s));
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	if (!xs || !ys || !s || !r)
		abort();
	gsl_rng_set(r, seed);

	size_t k = 0;
	for (unsigned b = 0; b < resamples; b++) {
		gsl_ran_sample(r, xs, m, (double *)x, m, sizeof(*x));
		gsl_ran_sample(r, ys, n, (double *)y, n, sizeof(*y));
		double v = stat(xs, m, ys, n);
		if (!isnan(v))
			s[k++] = v;
	}
	if (k) {
		gsl_sort(s, 1, k);
		ci.lo = gsl_stats_quantile_from_sorted_data(s, 1, k, (1 - level) / 2);
		ci.hi = gsl_stats_quantile_from_sorted_data(s, 1, k, (1 + level) / 2);
	}
	gsl_rng_free(r);
	free(xs);
	free(ys);
	free(s);
	return ci;
}
