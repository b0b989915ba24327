/* SPDX-License-Identifier: MIT */
/* Results: fold a parsed trial, write atomically, read back, reject junk. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "fold.h"
#include "protogen.h"
#include "results.h"

static char dir[] = "/tmp/eb-test-results.XXXXXX";

static json_t *sample(void)
{
	char *text = protogen_good();
	struct eb_boot b = { .proto = eb_proto_new() };
	char *argv[] = { "entrybench", "run", "v", NULL };
	struct eb_params want = { .k = 4, .batches = 2, .warmup = 8 };
	const char *names[] = { "v", "w" };

	eb_proto_feed(b.proto, text, strlen(text));
	eb_proto_finish(b.proto);
	const struct eb_trial *t = eb_proto_trial(b.proto);
	json_t *res = eb_results_new(3, argv,
		json_pack("{s:s, s:s}", "tier", "tcg", "fingerprint", "00"),
		json_pack("{s:i, s:i, s:i, s:i, s:s, s:s}", "k", 4, "batches", 2,
			  "warmup", 8, "trials", 2, "accel", "tcg", "boot", "pvh"));
	for (size_t i = 0; i < 2; i++)
		eb_results_add_variant(res, "x86_64", eb_trial_variant(t, names[i]),
				       eb_tier("tcg"));
	for (int boot = 0; boot < 2; boot++)
		eb_fold(res, eb_tier("tcg"), "x86_64", boot, &b, &want, names, 2);
	eb_results_finish(res);
	eb_proto_free(b.proto);
	free(text);
	return res;
}

static void fold(void **state)
{
	(void)state;
	json_t *res = sample();
	json_t *v = eb_results_variant(res, "v", "x86_64");
	json_t *w = eb_results_variant(res, "w", "x86_64");

	assert_string_equal(json_string_value(json_object_get(v, "status")), "pass");
	assert_string_equal(json_string_value(json_object_get(v, "unit")), "insns");
	/* (440-40)/4 = 100 and (448-40)/4 = 102: median 101. */
	json_t *s = json_object_get(v, "summary");
	assert_float_equal(json_number_value(json_object_get(s, "median")), 101, 0);
	assert_int_equal(json_integer_value(json_object_get(s, "n")), 2);
	assert_string_equal(json_string_value(json_object_get(w, "status")), "skipped");
	assert_string_equal(json_string_value(json_object_get(w, "skip_reason")),
			    "no such CPU feature");
	json_decref(res);
}

static int entries(void)
{
	DIR *d = opendir(dir);
	int n = 0;
	for (struct dirent *e; (e = readdir(d));)
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

static void round_trip(void **state)
{
	(void)state;
	char path[256], err[512];
	json_t *res = sample();

	snprintf(path, sizeof(path), "%s/r.json", dir);
	assert_true(eb_results_write(res, path, err, sizeof(err)));
	assert_int_equal(entries(), 1);		/* no temp file left */

	json_t *back = eb_results_read(path, err, sizeof(err));
	if (!back)
		fail_msg("%s", err);
	assert_true(json_equal(res, back));
	json_decref(back);
	json_decref(res);
	unlink(path);
}

static void expect_reject(json_t *res, const char *error)
{
	char path[256], err[512];

	snprintf(path, sizeof(path), "%s/bad.json", dir);
	assert_true(eb_results_write(res, path, err, sizeof(err)));
	assert_null(eb_results_read(path, err, sizeof(err)));
	if (!strstr(err, error))
		fail_msg("expected '%s' in '%s'", error, err);
	unlink(path);
}

static void rejects(void **state)
{
	(void)state;
	json_t *res = sample();

	json_object_set_new(res, "version", json_integer(7));
	expect_reject(res, "bad.json: version 7 is not supported (expected 1)");
	json_object_set_new(res, "version", json_integer(1));

	json_object_set_new(res, "schema", json_string("something-else"));
	expect_reject(res, "not an entrybench results file");
	json_object_set_new(res, "schema", json_string(EB_RESULTS_SCHEMA));

	json_t *v = json_array_get(json_object_get(res, "variants"), 0);
	json_object_set_new(v, "unit", json_string("tsc_cycles"));
	expect_reject(res, "does not match tier tcg");
	json_object_set_new(v, "unit", json_string("insns"));

	json_t *t = json_array_get(json_object_get(v, "trials"), 0);
	json_object_set_new(t, "value", json_string("fast"));
	expect_reject(res, "variants[0].trials[0]: value is neither");
	json_decref(res);

	/* Not JSON at all. */
	char path[256], err[512];
	snprintf(path, sizeof(path), "%s/corrupt.json", dir);
	FILE *f = fopen(path, "w");
	fputs("{\"schema\": \"entrybench-results\", \"vers", f);
	fclose(f);
	assert_null(eb_results_read(path, err, sizeof(err)));
	assert_non_null(strstr(err, "not valid JSON"));
	unlink(path);

	assert_null(eb_results_read("/nonexistent/r.json", err, sizeof(err)));
	assert_non_null(strstr(err, "/nonexistent/r.json"));
}

static void unwritable(void **state)
{
	(void)state;
	char err[512];
	json_t *res = sample();

	assert_false(eb_results_write(res, "/nonexistent/dir/r.json", err,
				      sizeof(err)));
	assert_non_null(strstr(err, "/nonexistent/dir/r.json"));
	json_decref(res);
}

static int setup(void **state)
{
	(void)state;
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	return rmdir(dir);
}

/* An interrupted run keeps its measured variants and says it is partial. */
static void interrupted(void **state)
{
	(void)state;
	json_t *res = sample(), *v;
	char err[512];

	assert_true(json_is_false(json_object_get(res, "interrupted")));
	/* A variant the run never reached: no trials. */
	v = json_deep_copy(json_array_get(json_object_get(res, "variants"), 0));
	json_object_set_new(v, "name", json_string("never"));
	json_array_clear(json_object_get(v, "trials"));
	json_array_append_new(json_object_get(res, "variants"), v);

	eb_results_mark_interrupted(res);
	assert_true(json_is_true(json_object_get(res, "interrupted")));
	assert_null(eb_results_variant(res, "never", "x86_64"));
	assert_non_null(eb_results_variant(res, "v", "x86_64"));
	assert_true(eb_results_valid(res, "r", err, sizeof(err)));

	json_object_set_new(res, "interrupted", json_string("yes"));
	expect_reject(res, "interrupted is not a boolean");
	/* Files from before the field existed. */
	json_object_del(res, "interrupted");
	assert_true(eb_results_valid(res, "r", err, sizeof(err)));

	/* 2^32 + 1 must not pass for version 1 once truncated to an int. */
	json_object_set_new(res, "version", json_integer(4294967297LL));
	expect_reject(res, "version 4294967297 is not supported");
	json_decref(res);
}

/* The up-front check of --out, and the mode of what is written. */
static void probe(void **state)
{
	(void)state;
	char path[256], err[512];
	struct stat st;
	json_t *res = sample();

	assert_false(eb_results_probe(dir, err, sizeof(err)));
	assert_non_null(strstr(err, "is a directory"));
	assert_false(eb_results_probe("/nonexistent/dir/r.json", err, sizeof(err)));
	assert_non_null(strstr(err, "cannot create a file next to it"));

	snprintf(path, sizeof(path), "%s/probe.json", dir);
	assert_true(eb_results_probe(path, err, sizeof(err)));
	assert_int_equal(access(path, F_OK), -1);	/* left nothing */

	mode_t old = umask(022);
	assert_true(eb_results_write(res, path, err, sizeof(err)));
	umask(old);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);
	unlink(path);
	json_decref(res);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fold),
		cmocka_unit_test(round_trip),
		cmocka_unit_test(rejects),
		cmocka_unit_test(unwritable),
		cmocka_unit_test(interrupted),
		cmocka_unit_test(probe),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
