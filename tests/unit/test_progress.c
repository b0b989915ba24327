/* SPDX-License-Identifier: MIT */
/* The progress line's text (lib/progress.h): counts, percentage, ETA. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "lib/progress.h"

static void no_eta_before_the_first_step(void **state)
{
	(void)state;
	char s[128];

	eb_progress_format(s, sizeof(s), "run", 0, 8, 3.2);
	assert_string_equal(s, "run: 0/8 (0 %), 0:03 elapsed, ETA ?");
}

static void eta_is_the_mean_step_times_the_steps_left(void **state)
{
	(void)state;
	char s[128];

	/* 3 steps in 14 s: 4.67 s each, 5 left: 23.3 s */
	eb_progress_format(s, sizeof(s), "run --guest linux", 3, 8, 14.0);
	assert_string_equal(s, "run --guest linux: 3/8 (37 %), 0:14 elapsed, ETA 0:23");
	eb_progress_format(s, sizeof(s), "run", 8, 8, 61.0);
	assert_string_equal(s, "run: 8/8 (100 %), 1:01 elapsed, ETA 0:00");
}

static void hours_and_minutes(void **state)
{
	(void)state;
	char s[128];

	/* 1 of 4 in 20 min: 1 h left */
	eb_progress_format(s, sizeof(s), "nested", 1, 4, 1200.0);
	assert_string_equal(s, "nested: 1/4 (25 %), 20:00 elapsed, ETA 1:00:00");
	eb_progress_format(s, sizeof(s), "x", 1, 2, 3725.0);
	assert_string_equal(s, "x: 1/2 (50 %), 1:02:05 elapsed, ETA 1:02:05");
}

static void truncates_like_snprintf(void **state)
{
	(void)state;
	char s[8];
	int n = eb_progress_format(s, sizeof(s), "run", 1, 2, 1.0);

	assert_string_equal(s, "run: 1/");
	assert_true(n > (int)sizeof(s));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(no_eta_before_the_first_step),
		cmocka_unit_test(eta_is_the_mean_step_times_the_steps_left),
		cmocka_unit_test(hours_and_minutes),
		cmocka_unit_test(truncates_like_snprintf),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
