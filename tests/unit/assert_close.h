/* SPDX-License-Identifier: MIT */
/*
 * assert_close(a, b, epsilon): a and b equal, or within epsilon, and NAN
 * never.  cmocka 1.1.5's assert_float_equal() passes when either side is
 * NAN (it fails only on |a - b| > epsilon, which NAN makes false), so a
 * figure turned NAN by a bug passed it; use this instead.  Equal
 * infinities pass (their difference is NAN).  Include after <cmocka.h>.
 */
#ifndef EB_TEST_ASSERT_CLOSE_H
#define EB_TEST_ASSERT_CLOSE_H

#include <math.h>

static inline void eb_assert_close(double a, double b, double epsilon,
				   const char *what, const char *file, int line)
{
	if (a == b || fabs(a - b) <= epsilon)
		return;
	print_error("%s is %.17g, not %.17g (within %g)\n", what, a, b, epsilon);
	_fail(file, line);
}

#define assert_close(a, b, epsilon) \
	eb_assert_close((a), (b), (epsilon), #a, __FILE__, __LINE__)

#endif
