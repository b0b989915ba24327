/* SPDX-License-Identifier: MIT */
/*
 * run's boot loop (run/boot_loop.c) with a mode whose boots are made up:
 * every trial boots every image that has a selection, in catalog order,
 * and nothing else; what an image runs reaches its kernel command line and
 * the results; an interrupt stops the loop and marks the run.  No QEMU.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"
#include "lib/array.h"
#include "lib/cli.h"
#include "lib/command.h"
#include "lib/interrupt.h"
#include "protogen.h"
#include "results/results.h"
#include "run/boot_loop.h"

/* Two images, as their eb.list boots describe them. */
static const char *const x86_64_list[] = {
	"hello proto=1 mode=x86_64 boot=pvh k=1 batches=1 warmup=0",
	"variant name=a cpl=3 models=m source=s",
	"variant name=b cpl=3 models=m source=s",
};
static const char *const i386_list[] = {
	"hello proto=1 mode=i386 boot=pvh k=1 batches=1 warmup=0",
	"variant name=c cpl=3 models=m source=s",
};

static struct eb_catalog cat;

static void catalog_entry(struct eb_catalog_entry *e, const char *const *recs,
			  size_t n, const char *path)
{
	char *text = protogen(recs, n, "pass");

	e->list.proto = eb_proto_new();
	eb_proto_feed(e->list.proto, text, strlen(text));
	eb_proto_finish(e->list.proto);
	assert_string_equal(eb_proto_trial(e->list.proto)->error, "");
	snprintf(e->qemu, sizeof(e->qemu), "qemu-system-x86_64");
	snprintf(e->path, sizeof(e->path), "%s", path);
	free(text);
}

static int setup(void **state)
{
	(void)state;
	cat.n = 2;
	cat.e = calloc(cat.n, sizeof(*cat.e));
	if (!cat.e)
		return -1;
	catalog_entry(&cat.e[0], x86_64_list, N_OF(x86_64_list), "/nonexistent/k64");
	catalog_entry(&cat.e[1], i386_list, N_OF(i386_list), "/nonexistent/k32");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	for (size_t i = 0; i < cat.n; i++)
		eb_proto_free(cat.e[i].list.proto);
	free(cat.e);
	return 0;
}

/* What the fake mode saw: "<image>:<trial> " per boot, and the command lines. */
static char boots[256], cmdlines[2][4096];
static unsigned nboots, interrupt_at;	/* the boot (from 1) that gets SIGINT; 0: none */

static void fake_boot(struct eb_run *run, const struct eb_run_image *im,
		      unsigned trial, struct eb_boot *b)
{
	size_t i = im - run->image, len = strlen(boots);

	snprintf(boots + len, sizeof(boots) - len, "%zu:%u ", i, trial);
	snprintf(cmdlines[i], sizeof(cmdlines[i]), "%s", im->cmdline);
	*b = (struct eb_boot){ .proto = eb_proto_new(),
			       .outcome = { .verdict = EB_V_PASS } };
	if (++nboots == interrupt_at) {
		raise(SIGINT);
		b->outcome.verdict = EB_V_INTERRUPTED;
	}
}

static unsigned folds;

static void fake_fold(struct eb_run *run, const struct eb_run_image *im,
		      unsigned trial, const struct eb_boot *b)
{
	(void)run, (void)im, (void)trial;
	assert_int_equal(b->outcome.verdict, EB_V_PASS);
	folds++;
}

static const struct eb_run_mode fake = {
	.name = "fake", .select = eb_select_wanted, .boot = fake_boot,
	.fold = fake_fold,
};

/* Boots req through the loop; the results document. */
static json_t *loop(const char *const *want, size_t nwant, unsigned trials,
		    unsigned *done, int *status)
{
	struct eb_run_request req = {
		.tier = eb_tier("tcg"), .want = want, .nwant = nwant,
		.trials = trials, .timeout_s = 30, .boot = "pvh",
		.params = { .k = 4, .batches = 2, .warmup = 8 },
	};
	char *argv[] = { "entrybench", "run", NULL };
	json_t *res = eb_results_new(2, argv, fixture_env("tcg"), json_object());

	boots[0] = '\0';
	nboots = 0;
	memset(cmdlines, 0, sizeof(cmdlines));
	folds = 0;
	*status = eb_boot_loop(&req, &fake, &cat, res, done);
	return res;
}

static const char *variant_mode(const json_t *res, size_t i)
{
	return json_string_value(json_object_get(json_array_get(
		json_object_get(res, "variants"), i), "mode"));
}

static void every_image_every_trial(void **state)
{
	(void)state;
	unsigned done;
	int status;
	json_t *res = loop(NULL, 0, 2, &done, &status);

	assert_int_equal(status, EB_EXIT_OK);
	assert_string_equal(boots, "0:0 1:0 0:1 1:1 ");
	assert_int_equal(done, 4);
	assert_int_equal(folds, 4);
	assert_string_equal(cmdlines[0], "eb.variants=a,b eb.k=4 eb.batches=2 eb.warmup=8");
	assert_string_equal(cmdlines[1], "eb.variants=c eb.k=4 eb.batches=2 eb.warmup=8");
	assert_int_equal(json_array_size(json_object_get(res, "variants")), 3);
	assert_string_equal(variant_mode(res, 0), "x86_64");
	assert_string_equal(variant_mode(res, 2), "i386");
	json_t *argvs = json_object_get(json_object_get(res, "environment"), "qemu_argv");
	assert_int_equal(json_object_size(argvs), 2);
	assert_false(eb_results_interrupted(res));
	json_decref(res);
}

/* Named variants, in the guest's order; an image with none is not booted. */
static void selection(void **state)
{
	(void)state;
	const char *const want[] = { "c" }, *const both[] = { "b", "a" };
	unsigned done;
	int status;
	json_t *res = loop(want, N_OF(want), 2, &done, &status);

	assert_string_equal(boots, "1:0 1:1 ");
	assert_int_equal(done, 2);
	assert_int_equal(json_array_size(json_object_get(res, "variants")), 1);
	json_t *argvs = json_object_get(json_object_get(res, "environment"), "qemu_argv");
	assert_int_equal(json_object_size(argvs), 1);
	assert_non_null(json_object_get(argvs, "i386"));
	json_decref(res);

	res = loop(both, N_OF(both), 1, &done, &status);
	assert_string_equal(boots, "0:0 ");
	assert_string_equal(cmdlines[0], "eb.variants=a,b eb.k=4 eb.batches=2 eb.warmup=8");
	json_decref(res);
}

/* A command line that does not fit is refused (and said so), not cut. */
static void cmdline_fits(void **state)
{
	(void)state;
	struct eb_run_request req = { .params = { .k = 64, .batches = 16, .warmup = 256 } };
	struct eb_selection sel = { .names = { "syscall-sysret", "int80" }, .n = 2 };
	char buf[128];
	const char *want = "eb.variants=syscall-sysret,int80 eb.k=64 eb.batches=16 eb.warmup=256";

	assert_true(eb_run_cmdline(&req, &sel, buf, sizeof(buf)));
	assert_string_equal(buf, want);
	assert_true(eb_run_cmdline(&req, &sel, buf, strlen(want) + 1));
	assert_false(eb_run_cmdline(&req, &sel, buf, strlen(want)));
	assert_false(eb_run_cmdline(&req, &sel, buf, 8));
}

/* SIGINT during the second boot: one boot folded, the run marked. */
static void interrupted(void **state)
{
	(void)state;
	unsigned done;
	int status;

	eb_interrupt_catch();
	interrupt_at = 2;
	json_t *res = loop(NULL, 0, 2, &done, &status);
	interrupt_at = 0;
	assert_int_equal(eb_interrupted(), SIGINT);
	assert_string_equal(boots, "0:0 1:0 ");
	assert_int_equal(done, 1);
	assert_int_equal(folds, 1);
	assert_true(eb_results_interrupted(res));
	json_decref(res);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_image_every_trial),
		cmocka_unit_test(selection),
		cmocka_unit_test(cmdline_fits),
		cmocka_unit_test(interrupted),	/* last: the flag stays set */
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
