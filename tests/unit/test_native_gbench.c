/* SPDX-License-Identifier: MIT */
/*
 * The C interface to Google Benchmark: trivial C benchmarks registered,
 * iterated, counted, timed by hand, failed and skipped through it, read
 * back from the JSON Google Benchmark writes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "assert_close.h"
#include "native/gbench_c.h"

static char json_path[] = "/tmp/eb-test-gbench.XXXXXX";

/* Each iteration adds one: the counter then equals the iteration count. */
static void counting(struct eb_gb_state *st, void *arg)
{
	volatile uint64_t *calls = arg;
	uint64_t n = eb_gb_max_iterations(st), done = 0;

	while (eb_gb_keep_running_batch(st, n))
		for (uint64_t i = 0; i < n; i++)
			done++;
	*calls += done;
	eb_gb_set_counter(st, "done", (double)done);
	eb_gb_set_counter(st, "per_iteration", (double)done / eb_gb_iterations(st));
	eb_gb_set_label(st, "counted");
}

/* One iteration at a time, each claiming exactly 2 us. */
static void manual(struct eb_gb_state *st, void *arg)
{
	(void)arg;
	while (eb_gb_keep_running(st))
		eb_gb_set_iteration_time(st, 2e-6);
}

static void failing(struct eb_gb_state *st, void *arg)
{
	eb_gb_error(st, "broke after %d", *(int *)arg);
}

static void skipping(struct eb_gb_state *st, void *arg)
{
	(void)arg;
	eb_gb_skip(st, "no such hardware");
}

static json_t *run(const char *filter, unsigned reps, int expect_ran)
{
	struct eb_gb_options o = {
		.repetitions = reps, .min_time_s = 0.01, .filter = filter,
		.json_path = json_path,
	};
	char err[256] = "";
	json_error_t e;

	assert_int_equal(eb_gb_run(&o, err, sizeof(err)), expect_ran);
	if (!expect_ran) {
		assert_int_equal(access(json_path, F_OK), -1);
		return NULL;
	}
	json_t *gb = json_load_file(json_path, 0, &e);
	assert_non_null(gb);
	return gb;
}

static json_t *entry(json_t *gb, const char *name, int rep)
{
	size_t i;
	json_t *b;

	json_array_foreach(json_object_get(gb, "benchmarks"), i, b)
		if (strcmp(json_string_value(json_object_get(b, "name")), name) == 0 &&
		    strcmp(json_string_value(json_object_get(b, "run_type")),
			   "iteration") == 0 &&
		    json_integer_value(json_object_get(b, "repetition_index")) == rep)
			return b;
	fail_msg("no repetition %d of %s", rep, name);
	return NULL;
}

static void iterate_and_count(void **state)
{
	(void)state;
	static volatile uint64_t calls;

	eb_gb_clear();
	eb_gb_register("counting", counting, (void *)&calls, false);
	json_t *gb = run(NULL, 3, 1);
	uint64_t reported = 0;

	for (int rep = 0; rep < 3; rep++) {
		json_t *b = entry(gb, "counting", rep);
		json_int_t iters = json_integer_value(json_object_get(b, "iterations"));
		assert_true(iters > 0);
		/* The counter the C side set is the iteration count it ran. */
		assert_int_equal((json_int_t)json_number_value(
					json_object_get(b, "done")), iters);
		assert_true(json_number_value(json_object_get(b, "per_iteration")) == 1.0);
		assert_string_equal(json_string_value(json_object_get(b, "label")),
				    "counted");
		reported += iters;
	}
	/* Calibration runs too, so the function ran at least what was reported. */
	assert_true(calls >= reported);
	json_decref(gb);
}

static void manual_time(void **state)
{
	(void)state;

	eb_gb_clear();
	eb_gb_register("manual", manual, NULL, true);
	json_t *gb = run(NULL, 1, 1);
	json_t *b = entry(gb, "manual/manual_time", 0);

	assert_string_equal(json_string_value(json_object_get(b, "time_unit")), "ns");
	assert_close(json_number_value(json_object_get(b, "real_time")),
			   2000.0, 1e-6);
	json_decref(gb);
}

static void error_and_skip(void **state)
{
	(void)state;
	static int where = 7;

	eb_gb_clear();
	eb_gb_register("failing", failing, &where, false);
	eb_gb_register("skipping", skipping, NULL, false);
	eb_gb_register("counting", counting, &(uint64_t){0}, false);
	json_t *gb = run("ing$", 1, 3);
	json_t *f = entry(gb, "failing", 0), *s = entry(gb, "skipping", 0);

	assert_true(json_is_true(json_object_get(f, "error_occurred")));
	assert_string_equal(json_string_value(json_object_get(f, "error_message")),
			    "broke after 7");
	assert_string_equal(json_string_value(json_object_get(s, "error_message")),
			    EB_GB_SKIPPED "no such hardware");
	assert_null(json_object_get(entry(gb, "counting", 0), "error_occurred"));
	json_decref(gb);
}

static void filter(void **state)
{
	(void)state;

	eb_gb_clear();
	eb_gb_register("alpha", counting, &(uint64_t){0}, false);
	eb_gb_register("beta", counting, &(uint64_t){0}, false);
	json_t *gb = run("^beta$", 1, 1);
	assert_int_equal(json_array_size(json_object_get(gb, "benchmarks")), 1);
	json_decref(gb);
	assert_null(run("^gamma$", 1, 0));
}

static void unwritable(void **state)
{
	(void)state;
	struct eb_gb_options o = {
		.repetitions = 1, .json_path = "/nonexistent/dir/gb.json",
	};
	char err[256] = "";

	eb_gb_clear();
	eb_gb_register("alpha", counting, &(uint64_t){0}, false);
	assert_int_equal(eb_gb_run(&o, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "cannot write /nonexistent/dir/gb.json"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(iterate_and_count),
		cmocka_unit_test(manual_time),
		cmocka_unit_test(error_and_skip),
		cmocka_unit_test(filter),
		cmocka_unit_test(unwritable),
	};
	int fd = mkstemp(json_path);

	if (fd < 0)
		return 1;
	close(fd);
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	unlink(json_path);
	return failed;
}
