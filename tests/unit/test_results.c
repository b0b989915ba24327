/* SPDX-License-Identifier: MIT */
/* Results: fold a parsed trial, write atomically, read back, reject junk. */
#include <dirent.h>
#include <math.h>
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

#include "assert_close.h"
#include "fixture.h"
#include "lib/array.h"
#include "protogen.h"
#include "results/compare.h"
#include "results/environment.h"
#include "results/results.h"
#include "results/table.h"
#include "run/boot_results.h"
#include "run/nmi_torture.h"

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
		fixture_env("tcg"),
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
	assert_close(json_number_value(json_object_get(s, "median")), 101, 0);
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

	/* A kvm variant in a tcg file: right pairing, wrong file. */
	json_object_set_new(v, "tier", json_string("kvm"));
	json_object_set_new(v, "unit", json_string("tsc_cycles"));
	expect_reject(res, "tier 'kvm' differs from environment.tier 'tcg'");
	json_object_set_new(v, "tier", json_string("tcg"));
	json_object_set_new(v, "unit", json_string("insns"));

	json_t *env = json_object_get(res, "environment");
	json_object_set_new(env, "tier", json_string("hw"));
	expect_reject(res, "environment.tier is not a known tier");
	json_object_del(env, "tier");
	expect_reject(res, "environment.tier is missing");
	json_object_set_new(env, "tier", json_string("tcg"));
	json_t *sealed = json_deep_copy(json_object_get(env, "fingerprint"));
	json_object_set_new(env, "fingerprint", json_string("00"));
	expect_reject(res, "environment.fingerprint is not 64");
	json_object_set_new(env, "fingerprint", sealed);

	json_t *t = json_array_get(json_object_get(v, "trials"), 0);
	json_object_set_new(t, "value", json_string("fast"));
	expect_reject(res, "variants[0].trials[0]: value is neither");
	/* A passing figure that no tick count is: its ratios would not be. */
	json_object_set_new(t, "status", json_string("pass"));
	json_object_set_new(t, "value", json_real(0));
	expect_reject(res, "variants[0].trials[0]: value 0 of a passing trial is "
		      "outside [2^-64, 2^64]");
	json_object_set_new(t, "value", json_real(-3));
	expect_reject(res, "value -3 of a passing trial");
	json_object_set_new(t, "value", json_real(0x1p65));
	expect_reject(res, "of a passing trial is outside");
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

/* A boot of the torture kernel: nmi-a claims safe, nmi-b unsafe; both crash. */
static void torture_boot(struct eb_boot *b, const char *extra)
{
	const char *recs[] = {
		"hello proto=1 mode=x86_64 boot=pvh k=64 batches=16 warmup=256",
		"variant name=nmi-a cpl=0 models=\"m\" source=\"s\"",
		"variant name=nmi-b cpl=0 models=\"m\" source=\"s\"",
		"torture name=nmi-a expect=safe status=crashed sent=9 handled=7 "
		"scenarios=\"bp=safe sweep-bp=crashed@+0x11(31/61)\" first=sweep-bp "
		"detail=\"livelock\"",
		extra,
	};
	char *text = protogen(recs, 5, "fail");

	*b = (struct eb_boot){ .proto = eb_proto_new(),
			       .outcome = { .verdict = EB_V_CHECK_FAILED } };
	eb_proto_feed(b->proto, text, strlen(text));
	eb_proto_finish(b->proto);
	free(text);
}

static void torture(void **state)
{
	(void)state;
	char *argv[] = { "entrybench", "run", NULL };
	json_t *res = eb_results_new(2, argv,
		fixture_env("tcg"),
		json_pack("{s:i, s:i, s:i, s:i, s:s, s:s, s:s}", "k", 64, "batches", 16,
			  "warmup", 256, "trials", 1, "accel", "tcg", "boot", "pvh",
			  "torture", "nmi"));
	const char *names[] = { "nmi-a", "nmi-b" };
	struct eb_boot b;

	torture_boot(&b, "torture name=nmi-b expect=unsafe status=corrupted-frame "
		     "sent=5 handled=5 scenarios=\"bp=corrupted-frame\" first=bp");
	const struct eb_trial *t = eb_proto_trial(b.proto);
	assert_string_equal(t->error, "");
	for (size_t i = 0; i < 2; i++)
		eb_results_add_variant(res, "x86_64", eb_trial_variant(t, names[i]),
				       eb_tier("tcg"));
	eb_torture_fold(res, "x86_64", 0, &b, names, 2);
	eb_results_finish(res);

	/* A contradicted claim fails; a confirmed "unsafe" passes. */
	json_t *a = eb_results_variant(res, "nmi-a", "x86_64");
	json_t *bb = eb_results_variant(res, "nmi-b", "x86_64");
	assert_string_equal(json_string_value(json_object_get(a, "status")), "fail");
	assert_string_equal(json_string_value(json_object_get(bb, "status")), "pass");
	json_t *x = json_object_get(json_array_get(json_object_get(a, "trials"), 0),
				    "torture");
	assert_string_equal(json_string_value(json_object_get(x, "status")), "crashed");
	assert_string_equal(json_string_value(json_object_get(x, "first")), "sweep-bp");
	assert_int_equal(json_integer_value(json_object_get(x, "handled")), 7);
	assert_non_null(strstr(json_string_value(json_object_get(a, "check_detail")),
			       "claims safe, torture says crashed"));

	/* The table says so, and counts the contradiction. */
	char *out;
	size_t len;
	FILE *f = open_memstream(&out, &len);
	assert_int_equal(eb_table_print(f, res), 1);
	fclose(f);
	assert_non_null(strstr(out, "nmi-a              safe    crashed          NO"));
	free(out);

	/* Written, read back; a bad verdict is refused. */
	char path[256], err[512];
	snprintf(path, sizeof(path), "%s/torture.json", dir);
	assert_true(eb_results_write(res, path, err, sizeof(err)));
	json_t *back = eb_results_read(path, err, sizeof(err));
	assert_non_null(back);
	json_decref(back);
	unlink(path);
	json_object_set_new(x, "status", json_string("fine"));
	expect_reject(res, "variants[0].trials[0]: torture: unknown status 'fine'");
	json_object_set_new(x, "status", json_string("crashed"));
	json_object_set_new(x, "points", json_integer(3));
	expect_reject(res, "torture: points and covered must be integers");
	json_object_set_new(x, "covered", json_integer(4));
	expect_reject(res, "0 <= covered <= points");
	json_object_del(x, "points");
	json_object_del(x, "covered");
	json_object_del(x, "scenarios");
	expect_reject(res, "torture: ");
	json_decref(res);
	eb_proto_free(b.proto);
}

/* The event upcall torture: its kind kept, its own verdicts and table. */
static void upcall_torture(void **state)
{
	(void)state;
	char *argv[] = { "entrybench", "run", NULL };
	json_t *res = eb_results_new(2, argv, fixture_env("tcg"),
		json_pack("{s:i, s:i, s:i, s:i, s:s, s:s, s:s}", "k", 64, "batches", 16,
			  "warmup", 256, "trials", 1, "accel", "tcg", "boot", "pvh",
			  "torture", "upcall"));
	const char *recs[] = {
		"hello proto=1 mode=x86_64 boot=pvh k=64 batches=16 warmup=256",
		"variant name=pv-upcall-turned cpl=3 models=m source=s family=pv torture=upcall",
		"torture name=pv-upcall-turned kind=upcall expect=safe status=flag-lost "
		"sent=9 handled=7 scenarios=\"step=flag-lost(8/8)\" first=step "
		"detail=\"an upcall returned with the flag changed\"",
	};
	const char *names[] = { "pv-upcall-turned" };
	char *text = protogen(recs, N_OF(recs), "fail"), buf[512];
	struct eb_boot b = { .proto = eb_proto_new(),
			     .outcome = { .verdict = EB_V_CHECK_FAILED } };

	eb_proto_feed(b.proto, text, strlen(text));
	eb_proto_finish(b.proto);
	free(text);
	assert_string_equal(eb_proto_trial(b.proto)->error, "");
	eb_results_add_variant(res, "x86_64", eb_trial_variant(eb_proto_trial(b.proto),
							       names[0]), eb_tier("tcg"));
	eb_torture_fold(res, "x86_64", 0, &b, names, 1);
	eb_results_finish(res);

	json_t *v = eb_results_variant(res, names[0], "x86_64");
	json_t *x = json_object_get(json_array_get(json_object_get(v, "trials"), 0),
				    "torture");
	assert_string_equal(json_string_value(json_object_get(v, "status")), "fail");
	assert_string_equal(json_string_value(json_object_get(x, "kind")), "upcall");

	char *out;
	size_t len;
	FILE *f = open_memstream(&out, &len);
	assert_int_equal(eb_table_print(f, res), 1);
	fclose(f);
	assert_non_null(strstr(out, "Event upcall torture"));
	assert_null(strstr(out, "NMI nesting torture"));
	assert_non_null(strstr(out, "pv-upcall-turned            safe    flag-lost        NO"));
	free(out);
	assert_non_null(strstr(eb_results_untimed(res, buf, sizeof(buf)),
			       "an event upcall torture run (--torture upcall)"));

	/* Each kind takes only its own verdicts, and only known kinds */
	json_object_set_new(x, "status", json_string("lost-nmis"));
	expect_reject(res, "torture: unknown status 'lost-nmis'");
	json_object_set_new(x, "status", json_string("flag-lost"));
	json_object_set_new(x, "kind", json_string("nmi"));
	expect_reject(res, "torture: unknown kind 'nmi'");
	json_object_del(x, "kind");
	expect_reject(res, "torture: unknown status 'flag-lost'");
	json_decref(res);
	eb_proto_free(b.proto);
}

/* An unsafe design that fails elsewhere than it is pinned to fails. */
static void torture_moved(void **state)
{
	(void)state;
	char *argv[] = { "entrybench", "run", NULL };
	json_t *res = eb_results_new(2, argv, fixture_env("tcg"),
		json_pack("{s:i, s:i, s:i, s:i, s:s, s:s, s:s}", "k", 64, "batches", 16,
			  "warmup", 256, "trials", 1, "accel", "tcg", "boot", "pvh",
			  "torture", "nmi"));
	const char *names[] = { "nmi-b" };
	struct eb_boot b;

	torture_boot(&b, "torture name=nmi-b expect=unsafe status=crashed sent=5 "
		     "handled=5 points=40 covered=40 moved=\"bp: twice, pinned ok\" "
		     "scenarios=\"bp=corrupted-frame(twice)\" first=bp detail=\"d\"");
	const struct eb_trial *t = eb_proto_trial(b.proto);
	assert_string_equal(t->error, "");
	eb_results_add_variant(res, "x86_64", eb_trial_variant(t, "nmi-b"), eb_tier("tcg"));
	eb_torture_fold(res, "x86_64", 0, &b, names, 1);
	eb_results_finish(res);

	json_t *v = eb_results_variant(res, "nmi-b", "x86_64");
	assert_string_equal(json_string_value(json_object_get(v, "status")), "fail");
	assert_non_null(strstr(json_string_value(json_object_get(v, "check_detail")),
			       "moved from its pins: bp: twice, pinned ok"));
	json_t *x = json_object_get(json_array_get(json_object_get(v, "trials"), 0),
				    "torture");
	assert_int_equal(json_integer_value(json_object_get(x, "covered")), 40);
	assert_string_equal(json_string_value(json_object_get(x, "moved")),
			    "bp: twice, pinned ok");

	char *out;
	size_t len;
	FILE *f = open_memstream(&out, &len);
	assert_int_equal(eb_table_print(f, res), 1);
	fclose(f);
	assert_non_null(strstr(out, "nmi-b              unsafe  crashed          NO"));
	assert_non_null(strstr(out, "40/40"));
	free(out);
	json_decref(res);
	eb_proto_free(b.proto);
}

/* Injection verdicts from the guest's count, the host's injections and
 * the guest's acks: one case per rule of nmi_verdict(). */
static void injection(void **state)
{
	(void)state;
	static const struct {
		const char *rec;
		enum eb_verdict boot;
		unsigned injected, acks;
		bool lost;
		unsigned bad_ack;
		const char *error, *verdict, *detail;
	} cases[] = {
		{ "nmi name=nmi-a expect=4 handled=4 during=3", EB_V_PASS, 4, 4,
		  false, 0, "", "safe", NULL },
		{ "nmi name=nmi-a expect=4 handled=3 during=3", EB_V_PASS, 3, 2,
		  true, 0, "", "lost-nmis", "NMI 3 of 4 had no ack within 2000 ms "
		  "(2 acks; the guest counted 3)" },
		{ "nmi name=nmi-a expect=4 handled=3 during=3", EB_V_PASS, 4, 4,
		  false, 0, "", "lost-nmis", "4 NMIs injected and acknowledged, "
		  "3 counted" },
		{ "nmi name=nmi-a expect=4 handled=5 during=5", EB_V_PASS, 4, 5,
		  false, 0, "", "corrupted", "5 acks for 4 NMIs: the handler ran "
		  "for an NMI nobody sent" },
		{ "nmi name=nmi-a expect=4 handled=5 during=5", EB_V_PASS, 4, 4,
		  false, 0, "", "corrupted", "the handler ran 5 times for 4 NMIs" },
		{ "nmi name=nmi-a expect=4 handled=4 during=4", EB_V_PASS, 4, 4,
		  false, 3, "", "corrupted", "ack 3 carried 4, not its number's "
		  "low byte: the guest's count skipped" },
		{ "nmi name=nmi-a expect=4 handled=4 during=4", EB_V_CHECK_FAILED,
		  4, 4, false, 0, "", "corrupted", NULL },
		{ "nmi name=nmi-a expect=4 handled=4 during=4", EB_V_CRASH, 4, 4,
		  false, 0, "", "crashed", NULL },
		{ "nmi name=nmi-a expect=4 handled=2 during=2", EB_V_PASS, 2, 2,
		  false, 0, "QMP: QEMU closed the connection", "error",
		  "the host injected only 2 of 4 NMIs: QMP: QEMU closed the "
		  "connection" },
		{ "nmi name=nmi-a expect=4 handled=2 during=2", EB_V_PASS, 2, 2,
		  false, 0, "", "error", NULL },
		{ "nmi name=nmi-b expect=4 handled=4 during=4", EB_V_PASS, 4, 4,
		  false, 0, "", "error", NULL },
	};
	struct eb_nmi_plan plan = { .count = 4, .gap_max_ms = 3,
				    .ack_timeout_ms = 2000, .seed = 9 };
	double at[4] = { 1, 2, 3, 4 }, ack[4] = { 0.5, 0.25, NAN, 0.5 };
	unsigned long line[4] = { 5, 6, 7, 8 };
	char *argv[] = { "entrybench", "run", NULL };
	json_t *res = eb_results_new(2, argv,
		fixture_env("tcg"),
		json_pack("{s:i, s:i, s:i, s:i, s:s, s:s, s:{s:s, s:i, s:f, s:f, "
			  "s:I}}", "k", 64, "batches", 16, "warmup", 256,
			  "trials", 1, "accel", "tcg", "boot", "pvh", "inject_nmi",
			  "design", "nmi-a", "count", 4, "gap_max_ms", 3.0,
			  "ack_timeout_ms", 2000.0, "seed", (json_int_t)9));

	for (size_t i = 0; i < N_OF(cases); i++) {
		const char *recs[] = {
			"hello proto=1 mode=x86_64 boot=pvh k=64 batches=16 warmup=256",
			"variant name=nmi-a cpl=0 models=\"m\" source=\"s\"",
			"variant name=nmi-b cpl=0 models=\"m\" source=\"s\"",
			cases[i].rec,
		};
		char *text = protogen(recs, 4, "pass");
		struct eb_boot b = { .proto = eb_proto_new(),
				     .outcome = { .verdict = cases[i].boot } };
		struct eb_nmi_log log = { .injected = cases[i].injected,
					  .acks = cases[i].acks,
					  .lost = cases[i].lost,
					  .bad_ack = cases[i].bad_ack,
					  .bad_byte = cases[i].bad_ack + 1,
					  .at_ms = at, .ack_ms = ack, .line = line };
		strcpy(log.error, cases[i].error);
		eb_proto_feed(b.proto, text, strlen(text));
		eb_proto_finish(b.proto);
		assert_string_equal(eb_nmi_fold(res, i, &b, "nmi-a", &plan, &log),
				    cases[i].verdict);
		json_t *got = json_array_get(json_object_get(res, "nmi_injection"), i);
		if (cases[i].detail)
			assert_string_equal(json_string_value(json_object_get(
					got, "detail")), cases[i].detail);
		eb_proto_free(b.proto);
		free(text);
	}
	json_t *first = json_array_get(json_object_get(res, "nmi_injection"), 0);
	assert_int_equal(json_integer_value(json_object_get(first, "seed")), 9);
	assert_int_equal(json_integer_value(json_object_get(first, "handled")), 4);
	assert_int_equal(json_array_size(json_object_get(first, "at_ms")), 4);
	assert_int_equal(json_integer_value(json_object_get(first, "acks")), 4);
	/* a lost ack is null, so that the array keeps one slot per NMI */
	json_t *lat = json_object_get(first, "ack_ms");
	assert_true(json_is_null(json_array_get(lat, 2)));
	assert_true(json_number_value(json_array_get(lat, 1)) == 0.25);

	char path[256], err[512];
	snprintf(path, sizeof(path), "%s/inject.json", dir);
	assert_true(eb_results_write(res, path, err, sizeof(err)));
	json_t *back = eb_results_read(path, err, sizeof(err));
	assert_non_null(back);
	json_decref(back);
	unlink(path);
	json_object_set_new(first, "verdict", json_string("fine"));
	expect_reject(res, "nmi_injection[0]: unknown verdict 'fine'");
	json_object_set_new(first, "verdict", json_string("safe"));
	json_array_remove(lat, 3);
	expect_reject(res, "nmi_injection[0]: at_ms, ack_ms and lines are not "
		      "arrays of `injected` elements");
	json_array_append_new(lat, json_string("0.5"));
	expect_reject(res, "nmi_injection[0]: ack_ms[3] is neither a number "
		      "nor null");
	json_array_set_new(lat, 3, json_real(0.5));
	json_object_set_new(first, "injected", json_string("4"));
	expect_reject(res, "nmi_injection[0]: ");
	json_decref(res);
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

/* Sets every variant's tier and unit, as a careful editor would. */
static void retier(json_t *res, const char *tier, const char *unit)
{
	size_t i;
	json_t *v;

	json_object_set_new(json_object_get(res, "environment"), "tier",
			    json_string(tier));
	json_array_foreach(json_object_get(res, "variants"), i, v) {
		json_object_set_new(v, "tier", json_string(tier));
		json_object_set_new(v, "unit", json_string(unit));
	}
}

/*
 * The fingerprint is recomputed on reading: an edited tier or
 * fingerprinted field is refused, fields outside it are not (they never
 * decided comparability), and a resealed file reads again.
 */
static void tampered(void **state)
{
	(void)state;
	char err[512];
	json_t *res = sample();
	json_t *env = json_object_get(res, "environment");

	/* A consistent tcg -> kvm edit passes every other check. */
	retier(res, "kvm", "tsc_cycles");
	expect_reject(res, "bad.json: environment.fingerprint ");
	expect_reject(res, "does not match the environment");
	retier(res, "tcg", "insns");
	assert_true(eb_results_valid(res, "r", err, sizeof(err)));

	json_object_set_new(env, "cpu", json_pack("{s:s}", "microcode", "0x1"));
	assert_true(eb_env_seal(env));
	assert_true(eb_results_valid(res, "r", err, sizeof(err)));
	json_object_set_new(json_object_get(env, "cpu"), "microcode",
			    json_string("0x2"));
	expect_reject(res, "was edited after the file was written");
	json_object_set_new(json_object_get(env, "cpu"), "microcode",
			    json_string("0x1"));

	/* A cycle tier's cpu_power is hashed once present. */
	json_object_set_new(env, "cpu_power", json_pack("{s:s}", "boost", "off"));
	expect_reject(res, "does not match the environment");
	assert_true(eb_env_seal(env));
	assert_true(eb_results_valid(res, "r", err, sizeof(err)));
	json_object_set_new(json_object_get(env, "cpu_power"), "boost",
			    json_string("on"));
	expect_reject(res, "does not match the environment");
	json_object_set_new(json_object_get(env, "cpu_power"), "boost",
			    json_string("off"));

	/* Outside the fingerprint: the measured TSC, the provenance. */
	json_object_set_new(env, "tsc_hz", json_pack("{s:f}", "value", 1e9));
	json_object_set_new(json_object_get(json_object_get(res, "provenance"),
					    "entrybench"), "revision",
			    json_string("edited"));
	assert_true(eb_results_valid(res, "r", err, sizeof(err)));
	/* ... but the provenance must keep its form. */
	json_object_set_new(json_object_get(json_object_get(res, "provenance"),
					    "entrybench"), "dirty",
			    json_string("yes"));
	expect_reject(res, "provenance.entrybench: not an object with a string "
		      "revision");
	json_decref(res);
}

/* Exact counts print as integers unless they have a fraction; cycles keep
 * two decimals. */
static void figures(void **state)
{
	(void)state;
	char b[64];

	assert_string_equal(eb_format_figure(b, sizeof(b), 4, "insns", false), "4");
	assert_string_equal(eb_format_figure(b, sizeof(b), 2.9999999999999996, "insns",
					     false), "3");
	assert_string_equal(eb_format_figure(b, sizeof(b), 55.5, "insns", false), "55.50");
	assert_string_equal(eb_format_figure(b, sizeof(b), 0.25, "insns", false), "0.25");
	assert_string_equal(eb_format_figure(b, sizeof(b), 0, "insns", true), "+0");
	assert_string_equal(eb_format_figure(b, sizeof(b), -0.001, "insns", true), "+0");
	assert_string_equal(eb_format_figure(b, sizeof(b), -5, "insns", true), "-5");
	assert_string_equal(eb_format_figure(b, sizeof(b), 188.49, "tsc_cycles", false),
			    "188.49");
	assert_string_equal(eb_format_figure(b, sizeof(b), 188, "tsc_cycles", false),
			    "188.00");
	assert_string_equal(eb_format_figure(b, sizeof(b), NAN, "insns", false), "-");
}

/* A variant of tier tcg with trials {status, detail} given as pairs. */
/* Runs of spaces as one: table columns are aligned to their contents. */
static void squeeze(char *s)
{
	char *start = s, *o = s;

	for (; *s; s++)
		if (*s != ' ' || o == start || o[-1] != ' ')
			*o++ = *s;
	*o = '\0';
}

static json_t *tvariant(const char *name, const char *mode, const char *status,
			const char *skip, int n, ...)
{
	json_t *trials = json_array();
	va_list ap;

	va_start(ap, n);
	for (int i = 0; i < n; i++) {
		const char *st = va_arg(ap, const char *);
		const char *d = va_arg(ap, const char *);
		json_array_append_new(trials, json_pack("{s:i, s:s, s:s?}", "boot", i,
							"status", st, "detail", d));
	}
	va_end(ap);
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s?, s:o, s:{s:i, s:f, s:f, "
			 "s:f, s:f}}", "name", name, "mode", mode, "tier", "tcg",
			 "unit", "insns", "status", status, "skip_reason", skip,
			 "trials", trials, "summary", "n", 2, "median", 55.5,
			 "min", 55.0, "p5", 2.9999999999999996, "p95", 56.0);
}

/* Each skip reason once, whatever shares it; repeated trial failures once. */
static void reasons_once(void **state)
{
	(void)state;
	json_t *res = json_pack("{s:[o, o, o, o, o]}", "variants",
		tvariant("a", "x86_64", "skipped", "no KVM", 2, "skipped", "no KVM",
			 "skipped", "no KVM"),
		tvariant("b", "x86_64", "skipped", "no KVM", 1, "skipped", "no KVM"),
		tvariant("c", "x86_64", "skipped", "no PMU", 1, "skipped", "no PMU"),
		tvariant("d", "i386", "crashed", NULL, 5, "crashed", "triple fault",
			 "crashed", "triple fault", "pass", NULL, "crashed",
			 "triple fault", "timeout", "30 s"),
		tvariant("e", "i386", "skipped", "no PMU", 1, "skipped", "no PMU"));
	char *out;
	size_t len;
	FILE *f = open_memstream(&out, &len);

	assert_int_equal(eb_table_print(f, res), 1);
	fclose(f);
	assert_non_null(strstr(out, "\nskipped a, b (x86_64): no KVM\n"));
	assert_non_null(strstr(out, "\nskipped c (x86_64), e (i386): no PMU\n"));
	assert_null(strstr(strstr(out, "no KVM") + 1, "no KVM"));
	assert_non_null(strstr(out, "    trials 0-1, 3: crashed: triple fault\n"));
	assert_non_null(strstr(out, "    trial 4: timeout: 30 s\n"));
	assert_null(strstr(out, "trial 2"));
	/* The summary columns: 55.50 is a fraction, p5 2.9999... is 3. */
	squeeze(out);
	assert_non_null(strstr(out, "\na x86_64 skipped 55.50 55 3 56 2\n"));
	free(out);
	json_decref(res);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fold),
		cmocka_unit_test(round_trip),
		cmocka_unit_test(rejects),
		cmocka_unit_test(tampered),
		cmocka_unit_test(figures),
		cmocka_unit_test(reasons_once),
		cmocka_unit_test(unwritable),
		cmocka_unit_test(interrupted),
		cmocka_unit_test(probe),
		cmocka_unit_test(torture),
		cmocka_unit_test(upcall_torture),
		cmocka_unit_test(torture_moved),
		cmocka_unit_test(injection),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
