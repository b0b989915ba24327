/* SPDX-License-Identifier: MIT */
/* Order statistics on samples whose quantiles are known by hand. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "assert_close.h"
#include "stats/summary.h"

static void known(void **state)
{
	(void)state;
	/* 1..21 shuffled: quantile q sits at rank 20q, so p5 = 2, p95 = 20. */
	double x[21] = { 21, 3, 17, 1, 9, 11, 5, 13, 7, 15, 19,
			 2, 20, 4, 18, 6, 16, 8, 14, 10, 12 };
	struct eb_stats s = eb_stats(x, 21);

	assert_int_equal(s.n, 21);
	assert_close(s.min, 1, 0);
	assert_close(s.max, 21, 0);
	assert_close(s.median, 11, 0);
	assert_close(s.p5, 2, 1e-12);
	assert_close(s.p95, 20, 1e-12);
	assert_close(s.mean, 11, 1e-12);
}

static void even_and_single(void **state)
{
	(void)state;
	double x[] = { 4, 1, 3, 2 };
	struct eb_stats s = eb_stats(x, 4);
	assert_close(s.median, 2.5, 0);
	/* Linear interpolation: rank 0.15 between 1 and 2. */
	assert_close(s.p5, 1.15, 1e-12);

	double one[] = { 7 };
	s = eb_stats(one, 1);
	assert_close(s.p5, 7, 0);
	assert_close(s.p95, 7, 0);

	s = eb_stats(NULL, 0);
	assert_int_equal(s.n, 0);
	assert_true(isnan(s.median));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(known),
		cmocka_unit_test(even_and_single),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
