/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>

#include "stats/hodges_lehmann.h"
#include "stats/rank_null.h"

/*
 * The values the order statistics are taken of, never listed: a count of
 * those <= t, from sorted logarithms.
 */
struct pair_set {
	const double *a, *b;	/* paired: d, d; two samples: ln x, ln y */
	size_t m, n;
	bool walsh;		/* (d_i + d_j) / 2, i <= j; else b_j - a_i */
	double min, max;
};

/* Two pointers: as i grows, fewer (Walsh) or more (differences) j fit. */
static size_t count_le(const struct pair_set *s, double t)
{
	size_t c = 0;

	if (s->walsh) {
		size_t j = s->n;
		for (size_t i = 0; i < s->n; i++) {
			while (j > i && (s->a[i] + s->a[j - 1]) / 2 > t)
				j--;
			if (j <= i)
				break;
			c += j - i;
		}
		return c;
	}
	size_t j = 0;
	for (size_t i = 0; i < s->m; i++) {
		while (j < s->n && s->b[j] - s->a[i] <= t)
			j++;
		c += j;
	}
	return c;
}

/* Doubles as integers of the same order, so bisection ends in 64 steps. */
static int64_t key(double v)
{
	int64_t i;

	memcpy(&i, &v, sizeof(i));
	return i >= 0 ? i : INT64_MIN - i;
}

static double unkey(int64_t k)
{
	int64_t i = k >= 0 ? k : INT64_MIN - k;
	double v;

	memcpy(&v, &i, sizeof(v));
	return v;
}

/*
 * The k-th smallest (1-based) of the set: the smallest double t with
 * count_le(t) >= k, which is one of the set's values, found by bisecting
 * between neighbouring doubles.
 */
static double kth(const struct pair_set *s, size_t k)
{
	if (count_le(s, s->min) >= k)
		return s->min;
	int64_t lo = key(s->min), hi = key(s->max);
	while (lo + 1 < hi) {	/* not hi - lo: it can overflow */
		int64_t mid = (lo & hi) + ((lo ^ hi) >> 1);	/* no overflow */
		if (count_le(s, unkey(mid)) >= k)
			hi = mid;
		else
			lo = mid;
	}
	return unkey(hi);
}

/* Median, interval and smallest p of N values whose critical count is k. */
static struct eb_shift shift_of(const struct pair_set *s, size_t N, size_t k,
				double min_p)
{
	struct eb_shift r = { .lo = -INFINITY, .hi = INFINITY, .min_p = min_p };

	r.est = N % 2 ? kth(s, N / 2 + 1) : (kth(s, N / 2) + kth(s, N / 2 + 1)) / 2;
	if (k) {
		r.lo = kth(s, k);
		r.hi = kth(s, N + 1 - k);
	}
	return r;
}

static const struct eb_shift undefined = { NAN, -INFINITY, INFINITY, 1 };

/* Sorted logarithms of x; false if a value has none. */
static bool sorted_logs(const double *x, size_t n, double *out)
{
	for (size_t i = 0; i < n; i++) {
		if (!(x[i] > 0) || !isfinite(x[i]))
			return false;
		out[i] = log(x[i]);
	}
	gsl_sort(out, 1, n);
	return true;
}

/* Sorted ln y_i - ln x_i; false if a value has no logarithm. */
static bool sorted_log_ratios(const double *x, const double *y, size_t n,
			      double *d)
{
	for (size_t i = 0; i < n; i++) {
		if (!(x[i] > 0) || !(y[i] > 0) || !isfinite(x[i]) || !isfinite(y[i]))
			return false;
		d[i] = log(y[i]) - log(x[i]);
	}
	gsl_sort(d, 1, n);
	return true;
}

struct eb_shift eb_hl_paired(const double *x, const double *y, size_t n,
			     double alpha)
{
	double *d = malloc((n + 1) * sizeof(*d));
	struct eb_shift r = undefined;

	if (!d)
		abort();
	if (n && sorted_log_ratios(x, y, n, d)) {
		struct pair_set s = { .a = d, .b = d, .n = n, .walsh = true,
				      .min = d[0], .max = d[n - 1] };
		r = shift_of(&s, n * (n + 1) / 2,
			     eb_signed_rank_critical(n, alpha),
			     eb_signed_rank_min_p(n));
	}
	free(d);
	return r;
}

struct eb_shift eb_hl_two_sample(const double *x, size_t m,
				 const double *y, size_t n, double alpha)
{
	double *lx = malloc((m + 1) * sizeof(*lx)), *ly = malloc((n + 1) * sizeof(*ly));
	struct eb_shift r = undefined;

	if (!lx || !ly)
		abort();
	if (m && n && sorted_logs(x, m, lx) && sorted_logs(y, n, ly)) {
		struct pair_set s = { .a = lx, .b = ly, .m = m, .n = n,
				      .min = ly[0] - lx[m - 1],
				      .max = ly[n - 1] - lx[0] };
		r = shift_of(&s, m * n, eb_rank_sum_critical(m, n, alpha),
			     eb_rank_sum_min_p(m, n));
	}
	free(lx);
	free(ly);
	return r;
}
