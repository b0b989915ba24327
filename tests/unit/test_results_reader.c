/* SPDX-License-Identifier: MIT */
/*
 * The results reader's checks at their edges: the fingerprint's form (64
 * lowercase hex digits: not 63, not 65, not upper case), the version on
 * both sides of the one supported, the environment's tier.  Each bad
 * document is one edit away from a good one, and the reason named is the
 * check under test, not a later one (the recomputed fingerprint would
 * refuse a malformed one too, with another message).
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

#include "fixture.h"
#include "lib/array.h"
#include "protogen.h"
#include "results/results.h"
#include "run/boot_results.h"

/* A good document: protogen_good() folded as two trials of tier tcg. */
static json_t *sample(void)
{
	char *text = protogen_good();
	struct eb_boot b = { .proto = eb_proto_new() };
	char *argv[] = { "entrybench", "run", NULL };
	struct eb_params want = { .k = 4, .batches = 2, .warmup = 8 };
	const char *names[] = { "v", "w" };

	eb_proto_feed(b.proto, text, strlen(text));
	eb_proto_finish(b.proto);
	const struct eb_trial *t = eb_proto_trial(b.proto);
	json_t *res = eb_results_new(2, argv, fixture_env("tcg"),
		json_pack("{s:i, s:i, s:i, s:i, s:s, s:s}", "k", 4, "batches", 2,
			  "warmup", 8, "trials", 2, "accel", "tcg", "boot", "pvh"));
	for (size_t i = 0; i < N_OF(names); i++)
		eb_results_add_variant(res, "x86_64", eb_trial_variant(t, names[i]),
				       eb_tier("tcg"));
	for (int boot = 0; boot < 2; boot++)
		eb_fold(res, eb_tier("tcg"), "x86_64", boot, &b, &want, names, 2);
	eb_results_finish(res);
	eb_proto_free(b.proto);
	free(text);
	return res;
}

static void expect_valid(const json_t *res)
{
	char err[512] = "";

	if (!eb_results_valid(res, "r.json", err, sizeof(err)))
		fail_msg("refused: %s", err);
}

static void expect_refused(const json_t *res, const char *why)
{
	char err[512] = "";

	assert_false(eb_results_valid(res, "r.json", err, sizeof(err)));
	if (strncmp(err, "r.json: ", 8) != 0 || !strstr(err, why))
		fail_msg("expected 'r.json: ...%s...', got '%s'", why, err);
}

static void set_fingerprint(json_t *res, const char *fp)
{
	json_object_set_new(json_object_get(res, "environment"), "fingerprint",
			    json_string(fp));
}

static void fingerprint_form(void **state)
{
	(void)state;
	json_t *res = sample();
	char fp[80], sealed[65];
	const char *form = "environment.fingerprint is not 64 lowercase hex digits";

	expect_valid(res);
	snprintf(sealed, sizeof(sealed), "%s", json_string_value(json_object_get(
		json_object_get(res, "environment"), "fingerprint")));
	assert_int_equal(strlen(sealed), 64);

	/* 65 characters: one more hex digit, or one more of anything. */
	snprintf(fp, sizeof(fp), "%s0", sealed);
	set_fingerprint(res, fp);
	expect_refused(res, form);
	snprintf(fp, sizeof(fp), "%sz", sealed);
	set_fingerprint(res, fp);
	expect_refused(res, form);
	/* 63. */
	snprintf(fp, sizeof(fp), "%.63s", sealed);
	set_fingerprint(res, fp);
	expect_refused(res, form);
	/* 64, but upper case. */
	snprintf(fp, sizeof(fp), "%s", sealed);
	for (char *c = fp; *c; c++)
		*c = *c >= 'a' && *c <= 'f' ? *c - 'a' + 'A' : *c;
	assert_string_not_equal(fp, sealed);
	set_fingerprint(res, fp);
	expect_refused(res, form);
	/* Absent, or not a string. */
	json_object_del(json_object_get(res, "environment"), "fingerprint");
	expect_refused(res, form);
	json_object_set_new(json_object_get(res, "environment"), "fingerprint",
			    json_integer(0));
	expect_refused(res, form);
	/* The sealed one again: good. */
	set_fingerprint(res, sealed);
	expect_valid(res);
	json_decref(res);
}

/* Only EB_RESULTS_VERSION: one below and one above are both refused. */
static void version_edges(void **state)
{
	(void)state;
	json_t *res = sample();
	char why[64];

	for (int v = EB_RESULTS_VERSION - 1; v <= EB_RESULTS_VERSION + 1; v++) {
		json_object_set_new(res, "version", json_integer(v));
		if (v == EB_RESULTS_VERSION) {
			expect_valid(res);
			continue;
		}
		snprintf(why, sizeof(why), "version %d is not supported (expected %d)",
			 v, EB_RESULTS_VERSION);
		expect_refused(res, why);
	}
	json_object_set_new(res, "version", json_string("1"));
	expect_refused(res, "not an entrybench results file");
	json_decref(res);
}

/* The environment's tier: present, a string, a known tier. */
static void environment_tier(void **state)
{
	(void)state;
	json_t *res = sample();
	json_t *env = json_object_get(res, "environment");

	json_object_set_new(env, "tier", json_integer(1));
	expect_refused(res, "environment.tier is missing or not a string");
	json_object_set_new(env, "tier", json_string("qemu"));
	expect_refused(res, "environment.tier is not a known tier");
	json_object_set_new(env, "tier", json_string("tcg"));
	expect_valid(res);
	json_decref(res);
}

/* What eb_results_read() does before it validates: a regular file only. */
static void not_a_file(void **state)
{
	(void)state;
	char err[512];

	assert_null(eb_results_read("/dev/null", err, sizeof(err)));
	assert_string_equal(err, "/dev/null: not a regular file");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fingerprint_form),
		cmocka_unit_test(version_edges),
		cmocka_unit_test(environment_tier),
		cmocka_unit_test(not_a_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
