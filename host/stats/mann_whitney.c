/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>

#include "stats/mann_whitney.h"

struct obs {
	double v;
	bool y;
};

static int by_value(const void *a, const void *b)
{
	double x = ((const struct obs *)a)->v, y = ((const struct obs *)b)->v;
	return (x > y) - (x < y);
}

/*
 * Exact: count, for every size-n subset of the N pooled scores, its sum.
 * ways[j][s] = subsets of the scores seen so far with j members summing
 * to s.  Counts reach C(100, 50) ~ 1e29, so they are doubles: the relative
 * error stays near 1e-16, far below any alpha that matters.
 */
static double exact(const unsigned *score, size_t N, size_t n, unsigned w)
{
	unsigned smax = 0;
	for (size_t k = 0; k < N; k++)
		smax += score[k];
	size_t width = smax + 1;
	double *ways = calloc((n + 1) * width, sizeof(*ways));
	if (!ways)
		abort();
	ways[0] = 1;
	for (size_t k = 0; k < N; k++)
		for (size_t j = (k + 1 < n ? k + 1 : n); j >= 1; j--)
			for (size_t s = score[k]; s < width; s++)
				ways[j * width + s] += ways[(j - 1) * width + s - score[k]];
	double total = 0, tail = 0;
	for (size_t s = 0; s < width; s++) {
		total += ways[n * width + s];
		if (s >= w)
			tail += ways[n * width + s];
	}
	free(ways);
	return tail / total;
}

/* Normal approximation of the same rank sum, ties corrected. */
static double approx(size_t m, size_t n, unsigned w, double ties)
{
	double N = m + n;
	double mean = n * (N + 1);	/* of the doubled rank sum */
	double var = 4 * m * n / 12.0 * ((N + 1) - ties / (N * (N - 1)));
	if (var <= 0)
		return 1;
	/* Doubled ranks move in steps of at least 1: continuity half-step. */
	return gsl_cdf_ugaussian_Q((w - 0.5 - mean) / sqrt(var));
}

double eb_mw_p_greater(const double *x, size_t m, const double *y, size_t n)
{
	size_t N = m + n;
	if (m == 0 || n == 0)
		return 1;

	struct obs *o = malloc(N * sizeof(*o));
	unsigned *score = malloc(N * sizeof(*score));
	if (!o || !score)
		abort();
	for (size_t i = 0; i < m; i++)
		o[i] = (struct obs){ x[i], false };
	for (size_t j = 0; j < n; j++)
		o[m + j] = (struct obs){ y[j], true };
	qsort(o, N, sizeof(*o), by_value);

	/* Twice the mid-rank, an integer: ties at 1-based ranks i+1..j share i+1+j. */
	unsigned w = 0;
	double ties = 0;
	for (size_t i = 0, j; i < N; i = j) {
		for (j = i + 1; j < N && o[j].v == o[i].v; j++)
			;
		double t = j - i;
		ties += t * t * t - t;
		for (size_t k = i; k < j; k++) {
			score[k] = i + 1 + j;
			if (o[k].y)
				w += score[k];
		}
	}
	double p = N <= EB_MW_EXACT_MAX ? exact(score, N, n, w) :
					   approx(m, n, w, ties);
	free(o);
	free(score);
	return p;
}
