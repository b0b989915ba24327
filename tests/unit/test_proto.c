/* SPDX-License-Identifier: MIT */
/* The protocol parser against good, truncated, corrupted and hostile input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/array.h"
#include "protogen.h"
#include "run/protocol.h"

/* Feed text in chunks of `chunk` bytes; return the parser. */
static struct eb_proto *parse(const char *text, size_t len, size_t chunk)
{
	struct eb_proto *p = eb_proto_new();
	for (size_t i = 0; i < len; i += chunk)
		eb_proto_feed(p, text + i, len - i < chunk ? len - i : chunk);
	eb_proto_finish(p);
	return p;
}

static void expect_error(const char *text, const char *error)
{
	struct eb_proto *p = parse(text, strlen(text), 7);
	const char *got = eb_proto_trial(p)->error;
	if (!strstr(got, error))
		fail_msg("expected error containing '%s', got '%s'", error, got);
	eb_proto_free(p);
}

static void good(void **state)
{
	(void)state;
	char *text = protogen_good();

	/* Any chunking gives the same trial. */
	for (size_t chunk = 1; chunk < 64; chunk += 13) {
		struct eb_proto *p = parse(text, strlen(text), chunk);
		const struct eb_trial *t = eb_proto_trial(p);

		assert_string_equal(t->error, "");
		assert_true(t->has_end);
		assert_string_equal(t->end_status, "pass");
		assert_string_equal(t->mode, "x86_64");
		assert_int_equal(t->k, 4);
		assert_int_equal(t->batches, 2);
		assert_int_equal(t->warmup, 8);
		assert_string_equal(t->cpu_vendor, "AuthenticAMD");
		assert_int_equal(t->cpu_family, 25);
		assert_int_equal(t->calib_ticks, 2000);
		assert_int_equal(t->nvariants, 2);

		const struct eb_variant *v = eb_trial_variant(t, "v");
		assert_non_null(v);
		assert_string_equal(v->models, "a model");
		assert_int_equal(v->cpl, 3);
		assert_true(v->checked && v->check_pass);
		assert_string_equal(v->check_detail, "rcx ok");
		assert_int_equal(v->nbatches, 2);
		assert_int_equal(v->batches[1].ticks, 448);
		assert_true(v->timed && eb_variant_complete(v));
		assert_int_equal(v->span, 1200);
		assert_string_equal(eb_trial_variant(t, "w")->skip_reason,
				    "no such CPU feature");
		eb_proto_free(p);
	}
	free(text);
}

static void truncated(void **state)
{
	(void)state;
	char *text = protogen_good();
	size_t len = strlen(text);
	size_t cuts[] = { 0, 1, 10, len / 2, len - 30, len - 1 };

	for (size_t i = 0; i < N_OF(cuts); i++) {
		struct eb_proto *p = parse(text, cuts[i], 5);
		const struct eb_trial *t = eb_proto_trial(p);
		assert_false(t->has_end);
		assert_non_null(strstr(t->error, "truncated"));
		assert_true(t->truncated);
		eb_proto_free(p);
	}
	/* What came before the cut is kept. */
	struct eb_proto *p = parse(text, len / 2, 5);
	assert_true(eb_proto_trial(p)->has_hello);
	eb_proto_free(p);
	free(text);
}

static void corrupted(void **state)
{
	(void)state;
	char *text = protogen_good();
	char *c = strstr(text, "a model");

	c[0] = 'b';		/* still valid syntax, wrong checksum */
	expect_error(text, "crc32 mismatch");
	struct eb_proto *p = parse(text, strlen(text), 7);
	assert_false(eb_proto_trial(p)->truncated);	/* forged, not cut */
	eb_proto_free(p);
	free(text);
}

/* A variant's records end with `timed`, once, after all its batches. */
static void timed(void **state)
{
	(void)state;
	const char *head[] = {
		"hello proto=1 mode=x86_64 boot=pvh k=4 batches=2 warmup=0",
		"variant name=v cpl=3 models=m source=s",
		"check name=v status=pass",
		"batch name=v i=0 k=4 overhead=40 ticks=440",
		NULL, NULL, NULL,
	};
	const char *early[] = { "timed name=v span=900" };
	const char *twice[] = { "batch name=v i=1 k=4 overhead=40 ticks=440",
				"timed name=v span=900", "timed name=v span=900" };
	const char *after[] = { "batch name=v i=1 k=4 overhead=40 ticks=440",
				"timed name=v span=900",
				"batch name=v i=2 k=4 overhead=40 ticks=440" };
	const char *const *cases[] = { early, twice, after };
	const size_t lens[] = { 1, 3, 3 };
	const char *errors[] = { "timed for 'v' before its passed check and all 2 batches",
				 "second timed record for 'v'",
				 "batch for 'v' after its timed record" };

	for (size_t i = 0; i < 3; i++) {
		for (size_t j = 0; j < lens[i]; j++)
			head[4 + j] = cases[i][j];
		char *text = protogen(head, 4 + lens[i], "pass");
		expect_error(text, errors[i]);
		free(text);
	}
}

static void bad_version(void **state)
{
	(void)state;
	expect_error("EB2 0 hello proto=1\n", "protocol version EB2 is not supported");
	expect_error("hello world\n", "no EB1 prefix");
}

static void seq(void **state)
{
	(void)state;
	const char *gap[] = { "hello proto=1 mode=x86_64 boot=pvh k=1 batches=1 warmup=0",
			      "calib iters=1 ticks=2" };
	char *text = protogen(gap, 2, "pass");
	char *one = strstr(text, "EB1 1 ");

	one[4] = '2';		/* gap */
	expect_error(text, "line 2: seq 1 expected, got 2");
	one[4] = '0';		/* repeat */
	expect_error(text, "line 2: seq 1 expected, got 0");
	free(text);
}

static void long_line(void **state)
{
	(void)state;
	char *text = malloc(EB_PROTO_MAX_LINE + 64);

	snprintf(text, EB_PROTO_MAX_LINE + 64, "EB1 0 hello cmdline=\"%0*d\"\n",
		 EB_PROTO_MAX_LINE, 0);
	expect_error(text, "line 1: longer than 2048 bytes");
	free(text);
}

static void missing_key(void **state)
{
	(void)state;
	const char *r[] = { "hello proto=1 mode=x86_64 boot=pvh k=1 batches=1 warmup=0",
			    "variant name=v cpl=3 models=m source=s",
			    "batch name=v i=0 k=1 overhead=1" };
	char *text = protogen(r, 3, "pass");
	expect_error(text, "line 3: batch record lacks mandatory key 'ticks'");
	free(text);
}

static void syntax(void **state)
{
	(void)state;
	expect_error("EB1 0 hello proto=1  mode=x86_64\n", "exactly one space");
	expect_error("EB1 0 hello proto=x\n", "proto=x: expected a decimal number");
	expect_error("EB1 0 hello mode=\"x86_64\n", "unterminated");
	expect_error("EB1 0 hello bogus=1\n", "unknown key 'bogus'");
	expect_error("EB1 0 cpu vendor=x\n", "first record is cpu, expected hello");
	expect_error("EB1 0 nonsense\n", "unknown record type 'nonsense'");
	expect_error("EB1 0 hello proto=1\r\n", "byte 0x0d");
}

static void after_end(void **state)
{
	(void)state;
	char *text = protogen_good();
	size_t len = strlen(text);

	text = realloc(text, len + 8);
	strcpy(text + len, "junk\n");
	expect_error(text, "data after the end record");
	free(text);
}

/* Megabytes of garbage: the parser stops at the cap and keeps no copy. */
static void garbage(void **state)
{
	(void)state;
	char chunk[65536];
	struct eb_proto *p = eb_proto_new();
	size_t fed = 0;

	memset(chunk, 'x', sizeof(chunk));
	while (fed < 64u << 20 && eb_proto_feed(p, chunk, sizeof(chunk)))
		fed += sizeof(chunk);
	assert_true(fed <= EB_PROTO_OUTPUT_CAP);
	assert_non_null(strstr(eb_proto_trial(p)->error, "longer than"));
	assert_int_equal(eb_proto_trial(p)->nvariants, 0);
	eb_proto_free(p);
}

/* Thousands of declared variants would each own a batch array: capped. */
static void too_many_variants(void **state)
{
	(void)state;
	const char *r[EB_PROTO_MAX_VARIANTS + 2];
	char names[EB_PROTO_MAX_VARIANTS + 1][64];

	r[0] = "hello proto=1 mode=x86_64 boot=pvh k=1 batches=1 warmup=0";
	for (int i = 0; i <= EB_PROTO_MAX_VARIANTS; i++) {
		snprintf(names[i], sizeof(names[i]), "variant name=v%d cpl=0 "
			 "models=m source=s", i);
		r[i + 1] = names[i];
	}
	char *text = protogen(r, EB_PROTO_MAX_VARIANTS + 1, "pass");
	struct eb_proto *p = parse(text, strlen(text), 4096);
	assert_string_equal(eb_proto_trial(p)->error, "");
	assert_int_equal(eb_proto_trial(p)->nvariants, EB_PROTO_MAX_VARIANTS);
	eb_proto_free(p);
	free(text);

	text = protogen(r, EB_PROTO_MAX_VARIANTS + 2, "pass");
	expect_error(text, "line 258: more than 256 variants");
	free(text);
}

/* Names go back to the guest on its command line: no spaces or commas. */
static void names(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"variant name=a,b cpl=0 models=m source=s",
		"variant name=\"a b\" cpl=0 models=m source=s",
		"variant name=\"\" cpl=0 models=m source=s",
		"variant name=eb.k=1 cpl=0 models=m source=s",
		"variant name=a234567890123456789012345678901234567890123456789012345678901234 "
			"cpl=0 models=m source=s",
	};
	for (size_t i = 0; i < N_OF(bad); i++) {
		const char *r[] = {
			"hello proto=1 mode=x86_64 boot=pvh k=1 batches=1 warmup=0",
			bad[i],
		};
		char *text = protogen(r, 2, "pass");
		expect_error(text, "expected a name of 1..63 letters, digits and ._+-");
		free(text);
	}
}

/*
 * family= is optional (an older guest of EB1 sends none) and, when given, a
 * name: the host selects NMI designs by it.
 */
static void family(void **state)
{
	(void)state;
	const char *r[] = {
		"hello proto=1 mode=x86_64 boot=pvh k=1 batches=1 warmup=0",
		"variant name=a cpl=0 models=m source=s family=nmi",
		"variant name=b cpl=0 models=m source=s",
	};
	char *text = protogen(r, 3, "pass");
	struct eb_proto *p = parse(text, strlen(text), 5);
	const struct eb_trial *t = eb_proto_trial(p);

	assert_string_equal(t->error, "");
	assert_string_equal(eb_trial_variant(t, "a")->family, "nmi");
	assert_null(eb_trial_variant(t, "b")->family);
	eb_proto_free(p);
	free(text);

	static const struct { const char *rec, *error; } bad[] = {
		{ "variant name=a cpl=0 models=m source=s family=a,b",
		  "family=a,b: expected a name of 1..63" },
		{ "variant name=a cpl=0 models=m source=s family=\"a b\"",
		  "family=a b: expected a name of 1..63" },
		{ "variant name=a cpl=0 models=m source=s family=",
		  "empty bare value for 'family'" },
		{ "variant name=a cpl=0 models=m source=s family=nmi family=pv",
		  "key 'family' given twice" },
	};
	for (size_t i = 0; i < N_OF(bad); i++) {
		r[1] = bad[i].rec;
		text = protogen(r, 2, "pass");
		expect_error(text, bad[i].error);
		free(text);
	}
}

/* The Linux guest's keys: hello kernel= and boot=bzimage, variant peer=. */
static void linux_guest(void **state)
{
	(void)state;
	const char *r[] = {
		"hello proto=1 mode=x86_64 boot=bzimage k=1 batches=1 warmup=0 "
		"cmdline=\"console=ttyS0 nokaslr\" kernel=\"6.1.0-57-amd64\"",
		"variant name=getppid-syscall cpl=3 models=m source=s family=syscall "
		"peer=syscall-ptregs",
		"variant name=sched_yield-syscall cpl=3 models=m source=s family=syscall",
	};
	char *text = protogen(r, 3, "pass");
	struct eb_proto *p = parse(text, strlen(text), 3);
	const struct eb_trial *t = eb_proto_trial(p);

	assert_string_equal(t->error, "");
	assert_string_equal(t->boot, "bzimage");
	assert_string_equal(t->kernel, "6.1.0-57-amd64");
	assert_string_equal(eb_trial_variant(t, "getppid-syscall")->peer, "syscall-ptregs");
	assert_null(eb_trial_variant(t, "sched_yield-syscall")->peer);
	eb_proto_free(p);
	free(text);

	/* The bench kernel sends neither key: both stay NULL. */
	text = protogen_good();
	p = parse(text, strlen(text), 11);
	assert_null(eb_proto_trial(p)->kernel);
	assert_null(eb_trial_variant(eb_proto_trial(p), "v")->peer);
	eb_proto_free(p);
	free(text);

	static const struct { const char *rec, *error; } bad[] = {
		{ "variant name=a cpl=3 models=m source=s peer=a,b",
		  "peer=a,b: expected a name of 1..63" },
		{ "variant name=a cpl=3 models=m source=s peer=x peer=y",
		  "key 'peer' given twice" },
	};
	for (size_t i = 0; i < N_OF(bad); i++) {
		r[1] = bad[i].rec;
		text = protogen(r, 2, "pass");
		expect_error(text, bad[i].error);
		free(text);
	}
	r[0] = "hello proto=1 mode=x86_64 boot=grub k=1 batches=1 warmup=0";
	text = protogen(r, 1, "pass");
	expect_error(text, "boot=grub: expected one of the allowed words");
	free(text);
}

/* A count above 2^63 - 1 would turn negative in the results JSON. */
static void huge_number(void **state)
{
	(void)state;
	const char *r[] = {
		"hello proto=1 mode=x86_64 boot=pvh k=1 batches=1 warmup=0",
		"calib iters=1 ticks=9223372036854775808",
	};
	char *text = protogen(r, 2, "pass");
	expect_error(text, "line 2: ticks=9223372036854775808: expected a decimal number");
	free(text);
	r[1] = "calib iters=1 ticks=9223372036854775807";
	text = protogen(r, 2, "pass");
	struct eb_proto *p = parse(text, strlen(text), 3);
	assert_string_equal(eb_proto_trial(p)->error, "");
	eb_proto_free(p);
	free(text);
}

/* Torture and nmi records, as nmi_torture.c and main.c emit them. */
static const char *const nmi_hello[] = {
	"hello proto=1 mode=x86_64 boot=pvh k=64 batches=16 warmup=256",
	"variant name=nmi-ist cpl=0 models=\"m\" source=\"s\"",
	"variant name=nmi-copied cpl=0 models=\"m\" source=\"s\"",
};

static struct eb_proto *nmi_parse(const char *rec1, const char *rec2,
				  const char *status)
{
	const char *recs[] = { nmi_hello[0], nmi_hello[1], nmi_hello[2], rec1, rec2 };
	char *text = protogen(recs, rec2 ? 5 : rec1 ? 4 : 3, status);
	struct eb_proto *p = parse(text, strlen(text), 11);
	free(text);
	return p;
}

static void torture(void **state)
{
	(void)state;
	struct eb_proto *p = nmi_parse(
		"torture name=nmi-ist expect=unsafe status=crashed sent=105 handled=105 "
		"scenarios=\"bp=corrupted-frame pf=crashed\" first=pf detail=\"#PF outside\"",
		"torture name=nmi-copied expect=safe status=safe sent=193 handled=163 "
		"points=70 covered=69 moved=\"sweep: new +0x3..+0x3:v13\" "
		"scenarios=\"bp=safe sweep=safe(0/22)\"", "pass");
	const struct eb_trial *t = eb_proto_trial(p);

	assert_string_equal(t->error, "");
	assert_int_equal(t->ntortures, 2);
	const struct eb_torture *x = eb_trial_torture(t, "nmi-ist");
	assert_non_null(x);
	assert_string_equal(x->expect, "unsafe");
	assert_string_equal(x->status, "crashed");
	assert_int_equal(x->sent, 105);
	assert_string_equal(x->first, "pf");
	assert_string_equal(x->detail, "#PF outside");
	x = eb_trial_torture(t, "nmi-copied");
	assert_string_equal(x->status, "safe");
	assert_int_equal(x->handled, 163);
	assert_null(x->first);
	assert_null(x->detail);
	assert_string_equal(x->moved, "sweep: new +0x3..+0x3:v13");
	assert_true(x->has_points);
	assert_int_equal(x->points, 70);
	assert_int_equal(x->covered, 69);
	assert_null(eb_trial_torture(t, "nmi-ist")->moved);
	assert_false(eb_trial_torture(t, "nmi-ist")->has_points);
	assert_null(eb_trial_torture(t, "nmi-fake"));
	eb_proto_free(p);

	static const struct { const char *rec, *error; } bad[] = {
		{ "torture name=nmi-ist expect=maybe status=safe sent=1 handled=1 "
		  "scenarios=\"\"", "expect=maybe" },
		{ "torture name=nmi-ist expect=safe status=broken sent=1 handled=1 "
		  "scenarios=\"\"", "status=broken" },
		{ "torture name=nmi-ist expect=safe status=safe sent=1 handled=1",
		  "lacks mandatory key 'scenarios'" },
		{ "torture name=nmi-ist expect=safe sent=1 handled=1 scenarios=x",
		  "lacks mandatory key 'status'" },
		{ "torture name=nmi-fake expect=safe status=safe sent=1 handled=1 "
		  "scenarios=x", "'nmi-fake' is not a declared variant" },
		{ "torture name=nmi-ist expect=unsafe status=crashed sent=1 handled=1 "
		  "scenarios=x", "first= must come" },
		{ "torture name=nmi-ist expect=safe status=safe sent=1 handled=1 "
		  "scenarios=x first=bp", "first= must come" },
		{ "torture name=nmi-ist expect=safe status=safe sent=-1 handled=1 "
		  "scenarios=x", "sent=-1" },
		{ "torture name=nmi-ist expect=safe status=safe sent=1 handled=1 "
		  "scenarios=x covered=3", "covered= must come with points=" },
		{ "torture name=nmi-ist expect=safe status=safe sent=1 handled=1 "
		  "scenarios=x points=3 covered=4", "and not exceed it" },
	};
	for (size_t i = 0; i < N_OF(bad); i++) {
		p = nmi_parse(bad[i].rec, NULL, "pass");
		if (!strstr(eb_proto_trial(p)->error, bad[i].error))
			fail_msg("'%s': expected '%s', got '%s'", bad[i].rec,
				 bad[i].error, eb_proto_trial(p)->error);
		eb_proto_free(p);
	}
	p = nmi_parse("torture name=nmi-ist expect=safe status=safe sent=1 handled=1 scenarios=x",
		      "torture name=nmi-ist expect=safe status=safe sent=1 handled=1 scenarios=x",
		      "pass");
	assert_non_null(strstr(eb_proto_trial(p)->error, "second torture record"));
	eb_proto_free(p);
}

/* The event upcall torture's records: kind=upcall, its own verdicts. */
static struct eb_proto *upcall_parse(const char *rec)
{
	const char *recs[] = {
		"hello proto=1 mode=x86_64 boot=pvh k=64 batches=16 warmup=256",
		"variant name=pv-upcall-turned cpl=3 models=m source=s family=pv torture=upcall",
		"variant name=nmi-ist cpl=0 models=m source=s family=nmi",
		rec,
	};
	char *text = protogen(recs, N_OF(recs), "pass");
	struct eb_proto *p = parse(text, strlen(text), 7);

	free(text);
	return p;
}

static void upcall_torture(void **state)
{
	(void)state;
	struct eb_proto *p = upcall_parse(
		"torture name=pv-upcall-turned kind=upcall expect=safe status=flag-lost "
		"sent=930 handled=759 scenarios=\"step=flag-lost(8/8)\" first=step "
		"detail=\"an upcall returned with the flag changed\"");
	const struct eb_trial *t = eb_proto_trial(p);

	assert_string_equal(t->error, "");
	assert_string_equal(eb_trial_variant(t, "pv-upcall-turned")->torture, "upcall");
	assert_null(eb_trial_variant(t, "nmi-ist")->torture);
	const struct eb_torture *x = eb_trial_torture(t, "pv-upcall-turned");
	assert_non_null(x);
	assert_string_equal(x->kind, "upcall");
	assert_string_equal(x->status, "flag-lost");
	assert_int_equal(x->sent, 930);
	eb_proto_free(p);

	static const struct { const char *rec, *error; } bad[] = {
		/* an NMI verdict is no upcall verdict, and the other way round */
		{ "torture name=pv-upcall-turned kind=upcall expect=safe status=lost-nmis "
		  "sent=1 handled=1 scenarios=x first=step", "no verdict of the upcall torture" },
		{ "torture name=nmi-ist expect=safe status=flag-lost sent=1 handled=1 "
		  "scenarios=x first=bp", "no verdict of the nmi torture" },
		/* the kind must be one the variant declared */
		{ "torture name=nmi-ist kind=upcall expect=safe status=safe sent=1 handled=1 "
		  "scenarios=x", "which is no design of it" },
		{ "torture name=pv-upcall-turned kind=nmi expect=safe status=safe sent=1 "
		  "handled=1 scenarios=x", "kind=nmi" },
	};
	for (size_t i = 0; i < N_OF(bad); i++) {
		p = upcall_parse(bad[i].rec);
		if (!strstr(eb_proto_trial(p)->error, bad[i].error))
			fail_msg("'%s': expected '%s', got '%s'", bad[i].rec,
				 bad[i].error, eb_proto_trial(p)->error);
		eb_proto_free(p);
	}
	/* a variant can name only a torture the host knows */
	p = upcall_parse("variant name=x cpl=3 models=m source=s torture=nmi");
	assert_non_null(strstr(eb_proto_trial(p)->error, "torture=nmi"));
	eb_proto_free(p);
}

static void nmi(void **state)
{
	(void)state;
	struct eb_proto *p = nmi_parse("nmi name=nmi-copied expect=32 handled=31 during=25",
				       NULL, "pass");
	const struct eb_trial *t = eb_proto_trial(p);

	assert_string_equal(t->error, "");
	assert_true(t->has_nmi);
	assert_string_equal(t->nmi_name, "nmi-copied");
	assert_int_equal(t->nmi_expect, 32);
	assert_int_equal(t->nmi_handled, 31);
	assert_int_equal(t->nmi_during, 25);
	assert_int_equal(t->nlines, 5);
	eb_proto_free(p);

	static const struct { const char *a, *b, *error; } bad[] = {
		{ "nmi name=nmi-copied expect=32 handled=31", NULL,
		  "lacks mandatory key 'during'" },
		{ "nmi name=nmi-copied expect=32 handled=3 during=4", NULL,
		  "during=4 exceeds handled=3" },
		{ "nmi name=nmi-zzz expect=1 handled=1 during=1", NULL,
		  "not a declared variant" },
		{ "nmi name=nmi-copied expect=1 handled=1 during=1",
		  "nmi name=nmi-copied expect=1 handled=1 during=1", "second nmi record" },
		{ "nmi name=nmi-copied expect=x handled=1 during=1", NULL, "expect=x" },
	};
	for (size_t i = 0; i < N_OF(bad); i++) {
		p = nmi_parse(bad[i].a, bad[i].b, "pass");
		if (!strstr(eb_proto_trial(p)->error, bad[i].error))
			fail_msg("'%s': expected '%s', got '%s'", bad[i].a,
				 bad[i].error, eb_proto_trial(p)->error);
		eb_proto_free(p);
	}
}

/* A nested counting boot's stream, as nested-guest/count.c emits it. */
static struct eb_proto *l2run_parse(const char *const *recs, size_t n)
{
	const char *all[8] = {
		"hello proto=1 mode=x86_64 boot=pvh k=1 batches=0 warmup=0 "
		"kernel=6.1.0-57-amd64",
	};
	for (size_t i = 0; i < n; i++)
		all[i + 1] = recs[i];
	char *text = protogen(all, n + 1, "pass");
	struct eb_proto *p = parse(text, strlen(text), 5);
	free(text);
	return p;
}

static void l2run(void **state)
{
	(void)state;
	static const char *const good[] = {
		"l2run i=0 status=1 bytes=1711",
		"count run=0 event=kvm:kvm_pio value=1933",
		"count run=0 event=cycles why=\"not a tracepoint: L1 counts tracepoints only\"",
		"l2run i=1 status=7 bytes=0",
	};
	struct eb_proto *p = l2run_parse(good, N_OF(good));
	const struct eb_trial *t = eb_proto_trial(p);

	assert_string_equal(t->error, "");
	assert_int_equal(t->nl2runs, 2);
	assert_int_equal(t->l2runs[0].status, 1);
	assert_int_equal(t->l2runs[0].bytes, 1711);
	assert_int_equal(t->l2runs[0].ncounts, 2);
	assert_string_equal(t->l2runs[0].counts[0].event, "kvm:kvm_pio");
	assert_true(t->l2runs[0].counts[0].has_value);
	assert_int_equal(t->l2runs[0].counts[0].value, 1933);
	assert_false(t->l2runs[0].counts[1].has_value);
	assert_non_null(strstr(t->l2runs[0].counts[1].why, "tracepoints only"));
	assert_int_equal(t->l2runs[1].status, 7);
	assert_int_equal(t->l2runs[1].ncounts, 0);
	eb_proto_free(p);

	static const struct { const char *a, *b, *error; } bad[] = {
		{ "l2run i=1 status=1 bytes=1", NULL, "i=1 out of order" },
		{ "l2run i=0 status=1", NULL, "lacks mandatory key 'bytes'" },
		{ "count run=0 event=kvm:kvm_pio value=1", NULL, "not the last l2run" },
		{ "l2run i=0 status=1 bytes=1", "count run=0 event=kvm:kvm_pio",
		  "value or why" },
		{ "l2run i=0 status=1 bytes=1",
		  "count run=0 event=kvm:kvm_pio value=1 why=\"x\"", "value or why" },
		{ "l2run i=0 status=1 bytes=1", "count run=1 event=e value=1",
		  "not the last l2run" },
	};
	for (size_t i = 0; i < N_OF(bad); i++) {
		const char *recs[] = { bad[i].a, bad[i].b };
		p = l2run_parse(recs, bad[i].b ? 2 : 1);
		if (!strstr(eb_proto_trial(p)->error, bad[i].error))
			fail_msg("'%s': expected '%s', got '%s'", bad[i].a,
				 bad[i].error, eb_proto_trial(p)->error);
		eb_proto_free(p);
	}
}

/* A nested boot's injection log, as nested-guest/inject.c emits it. */
static void l1nmi(void **state)
{
	(void)state;
	static const char *const good[] = {
		"l1nmi i=0 at_us=2210 line=2 ack_us=891",
		"l1nmi i=1 at_us=5104 line=2",
		"l1inject injected=2 acks=1 lost=1 bad_ack=0 bad_byte=0 "
		"why=\"QMP inject-nmi: no answer\"",
	};
	struct eb_proto *p = l2run_parse(good, N_OF(good));
	const struct eb_trial *t = eb_proto_trial(p);

	assert_string_equal(t->error, "");
	assert_int_equal(t->nl1nmis, 2);
	assert_int_equal(t->l1nmis[0].at_us, 2210);
	assert_int_equal(t->l1nmis[0].line, 2);
	assert_true(t->l1nmis[0].has_ack);
	assert_int_equal(t->l1nmis[0].ack_us, 891);
	assert_false(t->l1nmis[1].has_ack);
	assert_true(t->has_l1inject);
	assert_int_equal(t->l1_injected, 2);
	assert_int_equal(t->l1_acks, 1);
	assert_true(t->l1_lost);
	assert_string_equal(t->l1_why, "QMP inject-nmi: no answer");
	eb_proto_free(p);

	static const struct { const char *a, *b, *error; } bad[] = {
		{ "l1nmi i=1 at_us=1 line=0", NULL, "i=1 out of order" },
		{ "l1nmi i=0 at_us=1", NULL, "lacks mandatory key 'line'" },
		{ "l1inject injected=1 acks=1 lost=0 bad_ack=0 bad_byte=0", NULL,
		  "but 0 l1nmi records came" },
		{ "l1inject injected=0 acks=0 lost=2 bad_ack=0 bad_byte=0", NULL,
		  "lost" },
		{ "l1inject injected=0 acks=0 lost=0 bad_ack=0 bad_byte=0",
		  "l1nmi i=0 at_us=1 line=0", "l1nmi after l1inject" },
		{ "l1inject injected=0 acks=0 lost=0 bad_ack=0 bad_byte=0",
		  "l1inject injected=0 acks=0 lost=0 bad_ack=0 bad_byte=0",
		  "second l1inject" },
	};
	for (size_t i = 0; i < N_OF(bad); i++) {
		const char *recs[] = { bad[i].a, bad[i].b };
		p = l2run_parse(recs, bad[i].b ? 2 : 1);
		if (!strstr(eb_proto_trial(p)->error, bad[i].error))
			fail_msg("'%s': expected '%s', got '%s'", bad[i].a,
				 bad[i].error, eb_proto_trial(p)->error);
		eb_proto_free(p);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(good),
		cmocka_unit_test(truncated),
		cmocka_unit_test(corrupted),
		cmocka_unit_test(timed),
		cmocka_unit_test(bad_version),
		cmocka_unit_test(seq),
		cmocka_unit_test(long_line),
		cmocka_unit_test(missing_key),
		cmocka_unit_test(syntax),
		cmocka_unit_test(after_end),
		cmocka_unit_test(too_many_variants),
		cmocka_unit_test(names),
		cmocka_unit_test(family),
		cmocka_unit_test(linux_guest),
		cmocka_unit_test(huge_number),
		cmocka_unit_test(garbage),
		cmocka_unit_test(torture),
		cmocka_unit_test(upcall_torture),
		cmocka_unit_test(nmi),
		cmocka_unit_test(l2run),
		cmocka_unit_test(l1nmi),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
