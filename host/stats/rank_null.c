/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_gamma.h>

#include "stats/rank_null.h"

bool eb_p_reaches(double p, double alpha)
{
	return p <= alpha * (1 + 1e-9);
}

/*
 * k from the lower tail: pmf[0..len) are P(T = 0), P(T = 1), ... up to
 * the middle of the (symmetric) distribution, where alpha < 0.5 stops.
 */
static size_t critical_from_pmf(const double *pmf, size_t len, double alpha)
{
	double cum = 0;
	size_t k = 0;

	while (k < len && eb_p_reaches(cum + pmf[k], alpha))
		cum += pmf[k++];
	return k;
}

/* Normal approximation: P(T <= k - 1) ~ Phi((k - 1/2 - mean) / sd). */
static size_t critical_normal(double mean, double var, double alpha)
{
	double k = floor(mean + 0.5 + gsl_cdf_ugaussian_Pinv(alpha) * sqrt(var));
	return k > 0 ? (size_t)k : 0;
}

/*
 * P(T+ = s) for s = 0..half: each rank r = 1..n is in T+ or not with
 * probability 1/2, so adding rank r halves and shifts (as scipy's
 * _get_wilcoxon_distr does); only sums up to half are kept.
 */
size_t eb_signed_rank_critical(size_t n, double alpha)
{
	size_t N = n * (n + 1) / 2, half = N / 2;

	if (n == 0)
		return 0;
	if (n > EB_RANK_EXACT_MAX)
		return critical_normal(N / 2.0, n * (n + 1) * (2 * n + 1) / 24.0,
				       alpha);
	double *pmf = calloc(half + 1, sizeof(*pmf));
	if (!pmf)
		abort();
	pmf[0] = 1;
	for (size_t r = 1; r <= n; r++)
		for (size_t s = half + 1; s-- > 0;)
			pmf[s] = (pmf[s] + (s >= r ? pmf[s - r] : 0)) / 2;
	size_t k = critical_from_pmf(pmf, half + 1, alpha);
	free(pmf);
	return k;
}

double eb_signed_rank_min_p(size_t n)
{
	return ldexp(1, -(int)(n < 2000 ? n : 2000));
}

size_t eb_signed_rank_min_n(double alpha)
{
	size_t n = 1;

	while (!eb_p_reaches(eb_signed_rank_min_p(n), alpha))
		n++;
	return n;
}

/*
 * Counts of U = u for u = 0..half: the coefficients of the Gaussian
 * binomial [m+n choose n]_q, built as the product over i = 1..n of
 * (1 - q^(m+i)) / (1 - q^i).  After each factor the coefficients are
 * those of [m+i choose i]_q, so never negative; every step reads lower
 * coefficients only, so truncating at half is exact.
 */
size_t eb_rank_sum_critical(size_t m, size_t n, double alpha)
{
	size_t half = m * n / 2;

	if (m == 0 || n == 0)
		return 0;
	if (m + n > EB_RANK_EXACT_MAX)
		return critical_normal(m * n / 2.0, m * n * (m + n + 1) / 12.0,
				       alpha);
	double *f = calloc(half + 1, sizeof(*f));
	if (!f)
		abort();
	f[0] = 1;
	for (size_t i = 1; i <= n; i++) {
		for (size_t s = half + 1; s-- > m + i;)
			f[s] -= f[s - m - i];
		for (size_t s = i; s <= half; s++)
			f[s] += f[s - i];
	}
	double total = gsl_sf_choose(m + n, n);
	for (size_t s = 0; s <= half; s++)
		f[s] /= total;
	size_t k = critical_from_pmf(f, half + 1, alpha);
	free(f);
	return k;
}

double eb_rank_sum_min_p(size_t m, size_t n)
{
	return exp(-gsl_sf_lnchoose(m + n, n));
}

size_t eb_rank_sum_min_n(double alpha)
{
	size_t n = 1;

	while (!eb_p_reaches(eb_rank_sum_min_p(n, n), alpha))
		n++;
	return n;
}
