/* SPDX-License-Identifier: MIT */
/*
 * Statistics pinned exactly where loose bounds would let a wrong formula
 * pass: the summary of a skewed sample (median != mean), the bootstrap's
 * quantiles over a statistic whose resampled values are known in advance,
 * the bootstrap of a seeded run reproduced step by step, and the cycle
 * gate's thresholds at equality.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "lib/array.h"
#include "stats/bootstrap.h"
#include "stats/cycle_gate_test.h"
#include "stats/hodges_lehmann.h"
#include "stats/summary.h"

/*
 * cmocka's assert_float_equal() passes when either side is NAN (it fails
 * on |a - b| > epsilon, which NAN makes false): a NAN must fail here.
 */
#define assert_close(a, b, epsilon)	assert_true(fabs((a) - (b)) <= (epsilon))

/* 1, 2, 3, 4 and an outlier: every statistic is a different number. */
static void skewed_summary(void **state)
{
	(void)state;
	double x[] = { 100, 3, 1, 4, 2 };
	struct eb_stats s = eb_stats(x, N_OF(x));

	assert_int_equal(s.n, 5);
	assert_close(s.min, 1, 0);
	assert_close(s.max, 100, 0);
	assert_close(s.median, 3, 0);
	assert_close(s.mean, 22, 1e-12);
	/* Ranks 0.05 * 4 = 0.2 and 0.95 * 4 = 3.8, interpolated linearly. */
	assert_close(s.p5, 1 + 0.2 * (2 - 1), 1e-12);
	assert_close(s.p95, 4 + 0.8 * (100 - 4), 1e-12);
	for (size_t i = 1; i < N_OF(x); i++)		/* sorted in place */
		assert_true(x[i - 1] <= x[i]);

	/* One value is every statistic of itself (none is NAN). */
	double one[] = { 7 };
	s = eb_stats(one, 1);
	assert_int_equal(s.n, 1);
	assert_close(s.min, 7, 0);
	assert_close(s.max, 7, 0);
	assert_close(s.median, 7, 0);
	assert_close(s.p5, 7, 0);
	assert_close(s.p95, 7, 0);
	assert_close(s.mean, 7, 0);
}

/*
 * A statistic that ignores its resample and returns 0, 1, 2, ... in turn:
 * the bootstrap's sorted values are 0..B-1 whatever the generator does, so
 * its interval is known exactly: the (1 -+ level) / 2 quantiles of 0..B-1,
 * at ranks (B - 1)(1 -+ level) / 2.
 */
static unsigned calls;

static double count_up(const double *x, size_t m, const double *y, size_t n)
{
	(void)x, (void)m, (void)y, (void)n;
	return calls++;
}

/* Every other resample undefined (NAN), the rest counting down from B:
 * the NANs are left out, not sorted in. */
static unsigned resamples;

static double every_other(const double *x, size_t m, const double *y, size_t n)
{
	(void)x, (void)m, (void)y, (void)n;
	return calls++ % 2 ? NAN : resamples - (calls - 1);
}

static double never(const double *x, size_t m, const double *y, size_t n)
{
	(void)x, (void)m, (void)y, (void)n;
	return NAN;
}

static void bootstrap_quantiles(void **state)
{
	(void)state;
	double x[] = { 1, 2, 3 }, y[] = { 4, 5, 6 };
	struct eb_interval ci;

	/* B = 101 at 90 %: ranks 5 and 95 of 0..100. */
	calls = 0;
	ci = eb_bootstrap(count_up, x, 3, y, 3, 101, 0.90, 1);
	assert_int_equal(calls, 101);
	assert_close(ci.lo, 5, 1e-9);
	assert_close(ci.hi, 95, 1e-9);

	/* B = 201 at 80 %, odd calls NAN: 201, 199, ..., 1 remain (101
	 * values), ranks 10 and 90 of them once sorted. */
	calls = 0;
	resamples = 201;
	ci = eb_bootstrap(every_other, x, 3, y, 3, resamples, 0.80, 1);
	assert_close(ci.lo, 1 + 2 * 10, 1e-9);
	assert_close(ci.hi, 1 + 2 * 90, 1e-9);

	ci = eb_bootstrap(never, x, 3, y, 3, 50, 0.95, 1);
	assert_true(isnan(ci.lo) && isnan(ci.hi));
	ci = eb_bootstrap(count_up, x, 0, y, 3, 50, 0.95, 1);
	assert_true(isnan(ci.lo) && isnan(ci.hi));
	ci = eb_bootstrap(count_up, x, 3, y, 0, 50, 0.95, 1);
	assert_true(isnan(ci.lo) && isnan(ci.hi));
	ci = eb_bootstrap(count_up, x, 3, y, 3, 0, 0.95, 1);
	assert_true(isnan(ci.lo) && isnan(ci.hi));
}

static bool all_in(const double *s, size_t n, double lo, double hi)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < lo || s[i] > hi)
			return false;
	return true;
}

/* 1 if the x resample holds only x's values and the y one only y's. */
static double arms_apart(const double *x, size_t m, const double *y, size_t n)
{
	return m == 4 && n == 3 && all_in(x, m, 1, 4) && all_in(y, n, 101, 103) ?
	       1 : NAN;
}

/* Each arm is resampled from itself, at its own size. */
static void bootstrap_arms(void **state)
{
	(void)state;
	double x[] = { 1, 2, 3, 4 }, y[] = { 101, 102, 103 };
	struct eb_interval ci = eb_bootstrap(arms_apart, x, 4, y, 3, 200, 0.95, 3);

	assert_close(ci.lo, 1, 0);
	assert_close(ci.hi, 1, 0);
}

/*
 * bootstrap.h's recipe, step by step: MT19937 seeded with `seed`; per
 * resample, x's arm then y's drawn with replacement; the statistic; the
 * percentile interval of the sorted values.  The result must be this
 * interval to the last bit.
 */
static struct eb_interval by_hand(const double *x, size_t m, const double *y,
				  size_t n, unsigned b, double level,
				  unsigned long seed)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	double xs[16], ys[16], *s = malloc(b * sizeof(*s));

	assert_true(m <= 16 && n <= 16 && s);
	gsl_rng_set(r, seed);
	for (unsigned i = 0; i < b; i++) {
		for (size_t j = 0; j < m; j++)
			xs[j] = x[gsl_rng_uniform_int(r, m)];
		for (size_t j = 0; j < n; j++)
			ys[j] = y[gsl_rng_uniform_int(r, n)];
		s[i] = eb_hl_ratio(xs, m, ys, n);
	}
	gsl_sort(s, 1, b);
	struct eb_interval ci = {
		gsl_stats_quantile_from_sorted_data(s, 1, b, (1 - level) / 2),
		gsl_stats_quantile_from_sorted_data(s, 1, b, (1 + level) / 2),
	};
	free(s);
	gsl_rng_free(r);
	return ci;
}

static void bootstrap_seeded(void **state)
{
	(void)state;
	double x[] = { 100.3, 101.7, 99.1, 100.9, 102.2, 98.4, 100.05, 101.3 };
	double y[] = { 110.2, 111.9, 109.4, 110.7, 112.3, 108.1, 110.05, 115.6, 121.3 };
	struct eb_interval got = eb_bootstrap(eb_hl_ratio, x, N_OF(x), y, N_OF(y),
					      500, 0.95, 42);
	struct eb_interval want = by_hand(x, N_OF(x), y, N_OF(y), 500, 0.95, 42);

	assert_close(got.lo, want.lo, 0);
	assert_close(got.hi, want.hi, 0);
	assert_true(got.lo < got.hi);
	/* Another seed, other resamples: the seed is used. */
	struct eb_interval other = eb_bootstrap(eb_hl_ratio, x, N_OF(x), y, N_OF(y),
						500, 0.95, 43);
	assert_true(other.lo != got.lo || other.hi != got.hi);
}

/*
 * Each threshold is strict: a candidate exactly at alpha, or exactly
 * tau_abs slower, has not regressed; the least step beyond it has.
 */
static void gate_thresholds_strict(void **state)
{
	(void)state;
	struct eb_cycle_gate_thresholds t = EB_CYCLE_GATE_THRESHOLDS_DEFAULT;
	double a[10], b[10];

	for (int i = 0; i < 10; i++)
		a[i] = 100, b[i] = 100 + t.tau_abs;
	struct eb_cycle_gate_stats s = eb_cycle_gate_test(a, 10, b, 10, &t);
	assert_close(s.diff, t.tau_abs, 0);
	assert_true(s.p < t.alpha && s.ratio > 1 + t.tau_rel);
	assert_false(s.regressed);
	for (int i = 0; i < 10; i++)
		b[i] = 100 + t.tau_abs + 1;
	assert_true(eb_cycle_gate_test(a, 10, b, 10, &t).regressed);

	/* p exactly alpha: not significant. */
	s = eb_cycle_gate_test(a, 10, b, 10, &t);
	t.alpha = s.p;
	assert_false(eb_cycle_gate_test(a, 10, b, 10, &t).regressed);
	t.alpha = nextafter(s.p, 1);
	assert_true(eb_cycle_gate_test(a, 10, b, 10, &t).regressed);

	/* The ratio exactly 1 + tau_rel (ratio - 1 is exact in [1, 2)). */
	t = EB_CYCLE_GATE_THRESHOLDS_DEFAULT;
	t.tau_rel = s.ratio - 1;
	assert_true(1 + t.tau_rel == s.ratio);
	assert_false(eb_cycle_gate_test(a, 10, b, 10, &t).regressed);
	t.tau_rel = nextafter(s.ratio, 0) - 1;
	assert_true(eb_cycle_gate_test(a, 10, b, 10, &t).regressed);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(skewed_summary),
		cmocka_unit_test(bootstrap_quantiles),
		cmocka_unit_test(bootstrap_arms),
		cmocka_unit_test(bootstrap_seeded),
		cmocka_unit_test(gate_thresholds_strict),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
