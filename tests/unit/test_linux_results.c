/* SPDX-License-Identifier: MIT */
/*
 * Linux-tier results files: what the reader accepts and refuses of their
 * columns and environment.linux, variants matched across files by name,
 * mode and column, a different kernel or command line refused as
 * incomparable, the gate's rows and its new-kernel message, and the model
 * against reality rows.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "assert_close.h"
#include "results/compare.h"
#include "results/count_gate.h"
#include "results/environment.h"
#include "results/linux_gate.h"
#include "results/linux_results.h"
#include "results/reality.h"
#include "results/results.h"
#include "tiers/tier.h"

#define SHA_A	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define SHA_B	"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"

/* A column of environment.linux.columns. */
static json_t *column(const char *cpu, const char *append)
{
	char options[256];
	snprintf(options, sizeof(options), "console=ttyS0 nokaslr%s%s",
		 *append ? " " : "", append);
	return json_pack("{s:s, s:s, s:s, s:s}", "cpu", cpu, "qemu_cpu", "max",
			 "append", append, "boot_options", options);
}

/* A probe with one passing trial of value x in column label. */
static void probe(json_t *res, const char *name, const char *peer,
		  const char *label, double x)
{
	struct eb_variant v = { .name = (char *)name, .cpl = 3, .models = "m",
				.source = "s", .family = "syscall",
				.peer = (char *)peer };
	json_t *o = eb_results_add_variant(res, "x86_64", &v, eb_tier("linux"));

	json_object_set_new(o, "column", json_string(label));
	eb_results_add_trial(o, 0, "pass", NULL, x, NULL, NULL);
}

/*
 * A linux run on kernel sha: getppid-syscall in columns amd, intel and
 * "amd pti=on" (x, x + 15, x + 8); getppid-vsyscall32, whose model only
 * Intel has.
 */
static json_t *linux_doc(const char *sha, double x)
{
	json_t *env = json_pack("{s:s, s:{s:{s:s, s:s, s:s}, s:{s:o, s:o, s:o}}}",
		"tier", "linux", "linux", "kernel", "release", "6.1.0-57-amd64",
		"sha256", sha, "package", "linux-image-6.1.0-57-amd64 6.1.192-3",
		"columns", "amd", column("amd", ""), "intel", column("intel", ""),
		"amd pti=on", column("amd", "pti=on"));
	json_t *params = json_pack("{s:i, s:i, s:i, s:i, s:s, s:s, s:s, "
				   "s:{s:[s, s], s:[s, s], s:i}}", "k", 64,
				   "batches", 16, "warmup", 256, "trials", 1,
				   "accel", "auto", "boot", "pvh", "guest", "linux",
				   "linux", "cpus", "amd", "intel", "append", "",
				   "pti=on", "jobs", 2);
	eb_env_seal(env);
	json_t *res = eb_results_new(0, NULL, env, params);
	probe(res, "getppid-syscall", "syscall-ptregs", "amd", x);
	probe(res, "getppid-syscall", "syscall-ptregs", "amd pti=on", x + 8);
	probe(res, "getppid-vsyscall32", NULL, "amd", 347);
	probe(res, "getppid-syscall", "syscall-ptregs", "intel", x + 15);
	probe(res, "getppid-vsyscall32", "sysenter-32", "intel", 374);
	eb_results_finish(res);
	return res;
}

static bool valid(const json_t *res, const char *want)
{
	char err[512];
	bool ok = eb_results_valid(res, "f.json", err, sizeof(err));
	if (want && (ok || !strstr(err, want)))
		fail_msg("wanted /%s/, got %s", want, ok ? "valid" : err);
	return ok;
}

static void reader(void **state)
{
	(void)state;
	json_t *res = linux_doc(SHA_A, 323);
	json_t *v = json_array_get(json_object_get(res, "variants"), 0);
	json_t *env = json_object_get(res, "environment");

	assert_true(valid(res, NULL));
	json_object_set_new(v, "column", json_string("arm"));
	valid(res, "column 'arm' is not in environment.linux.columns");
	json_object_del(v, "column");
	valid(res, "no column: a linux-tier variant has one");
	json_object_set_new(v, "column", json_string("amd"));
	json_object_set_new(v, "peer", json_integer(1));
	valid(res, "family or peer is not a string");
	json_object_set_new(v, "peer", json_string("syscall-ptregs"));
	json_object_del(json_object_get(res, "parameters"), "guest");
	valid(res, "parameters: a linux run has guest");
	json_object_set_new(json_object_get(res, "parameters"), "guest",
			    json_string("linux"));
	json_object_set_new(json_object_get(json_object_get(env, "linux"), "kernel"),
			    "sha256", json_string("xyz"));
	valid(res, "environment.linux.kernel.sha256 is not 64");
	/* The kernel is fingerprinted: an edited one is refused. */
	json_object_set_new(json_object_get(json_object_get(env, "linux"), "kernel"),
			    "sha256", json_string(SHA_B));
	valid(res, "does not match the environment");
	json_decref(res);

	/* A bench-kernel file has neither columns nor environment.linux. */
	res = linux_doc(SHA_A, 323);
	json_object_set_new(env = json_object_get(res, "environment"), "tier",
			    json_string("tcg"));
	eb_env_seal(env);
	valid(res, "environment.linux or parameters.linux, but tier tcg");
	json_decref(res);
}

static void same_variant(void **state)
{
	(void)state;
	json_t *a = linux_doc(SHA_A, 323), *b = linux_doc(SHA_A, 323);
	const json_t *pti = eb_results_column_variant(a, "getppid-syscall", "x86_64",
						      "amd pti=on");

	assert_non_null(pti);
	assert_string_equal(eb_variant_where(pti), "amd pti=on");
	assert_close(json_number_value(json_object_get(json_object_get(
		eb_results_same_variant(b, pti), "summary"), "median")), 331, 0);
	/* Without a column: not any of the columns. */
	assert_null(eb_results_variant(a, "getppid-syscall", "x86_64"));
	assert_int_equal(eb_where_width(a, b), (int)strlen("amd pti=on"));
	json_decref(a);
	json_decref(b);
}

/* Counts of another kernel are another measurement, unless --force. */
static void other_kernel(void **state)
{
	(void)state;
	json_t *a = linux_doc(SHA_A, 323), *b = linux_doc(SHA_B, 330);
	char msg[1024];

	assert_true(eb_check_comparable(a, "a", a, "a", false, msg, sizeof(msg)));
	assert_false(eb_check_comparable(a, "a", b, "b", false, msg, sizeof(msg)));
	assert_non_null(strstr(msg, "kernel or command lines differ "
				    "(linux.kernel.sha256)"));
	assert_true(eb_check_comparable(a, "a", b, "b", true, msg, sizeof(msg)));
	assert_non_null(strstr(msg, "compared because of --force"));
	assert_true(eb_linux_kernel_differs(a, b));
	assert_false(eb_linux_kernel_differs(a, a));
	json_decref(b);
	/* Another command line in a column: the same. */
	b = linux_doc(SHA_A, 323);
	json_t *env = json_object_get(b, "environment");
	json_object_set_new(json_object_get(json_object_get(json_object_get(env,
		"linux"), "columns"), "intel"), "boot_options", json_string("x"));
	eb_env_seal(env);
	assert_false(eb_check_comparable(a, "a", b, "b", false, msg, sizeof(msg)));
	assert_non_null(strstr(msg, "linux.columns.intel"));
	json_decref(a);
	json_decref(b);
}

static void gate(void **state)
{
	(void)state;
	json_t *a = linux_doc(SHA_A, 323), *b = linux_doc(SHA_A, 324);
	struct eb_count_gate_row *r;
	size_t n = eb_count_gate_rows(a, b, &r);
	struct eb_linux_args args;
	char msg[2048];

	assert_int_equal(n, 5);
	assert_string_equal(r[1].mode, "amd pti=on");
	for (size_t i = 0; i < n; i++)
		assert_int_equal(r[i].verdict, strcmp(r[i].name, "getppid-syscall") ?
				 EB_GATE_SAME : EB_GATE_WORSE);
	free(r);
	assert_true(eb_linux_gate_args(a, "/my/bzImage", &args));
	const char *want[] = { "--guest", "linux", "--trials", "1", "--linux-cpu",
			       "amd,intel", "--linux-append", "", "--linux-append",
			       "pti=on", "--linux-kernel", "/my/bzImage", NULL };
	for (size_t i = 0; want[i]; i++)
		assert_string_equal(args.args[i], want[i]);
	assert_null(args.args[12]);
	json_object_set_new(json_object_get(json_object_get(json_object_get(
		b, "environment"), "linux"), "kernel"), "package",
		json_string("linux-image-6.1.0-58-amd64 6.1.199-1"));
	eb_linux_new_kernel(a, "results/baseline-linux.json", b, msg, sizeof(msg));
	assert_non_null(strstr(msg, "Debian linux-image-6.1.0-57-amd64 6.1.192-3"));
	assert_non_null(strstr(msg, "Debian linux-image-6.1.0-58-amd64 6.1.199-1"));
	assert_non_null(strstr(msg, "entrybench baseline update --baseline "
				    "results/baseline-linux.json --reason"));
	json_decref(a);
	json_decref(b);
}

static void reality(void **state)
{
	(void)state;
	json_t *real = linux_doc(SHA_A, 323);
	json_t *model = json_pack("{s:{s:s}, s:{}, s:[{s:s, s:s, s:{s:f}}]}",
				  "environment", "tier", "tcg", "parameters",
				  "variants", "name", "syscall-ptregs", "mode",
				  "x86_64", "summary", "median", 92.0);
	const char *col[8];
	size_t ncol;
	struct eb_reality_row *r;
	char why[256];

	assert_true(eb_reality_pair(model, real, why, sizeof(why)));
	assert_false(eb_reality_pair(real, model, why, sizeof(why)));
	assert_non_null(strstr(why, "bench kernel's file first"));
	assert_false(eb_reality_pair(real, real, why, sizeof(why)));
	assert_string_equal(why, "");
	size_t n = eb_reality_rows(model, real, col, &ncol, &r);
	/* The first command line's columns, one per CPU; not "amd pti=on". */
	assert_int_equal(ncol, 2);
	assert_string_equal(col[0], "amd");
	assert_string_equal(col[1], "intel");
	assert_int_equal(n, 2);
	assert_string_equal(r[0].probe, "getppid-syscall");
	assert_non_null(r[0].model);
	assert_non_null(r[0].real[0]);
	assert_non_null(r[0].real[1]);
	/* sysenter-32 models vsyscall32 on Intel only, and is not in model. */
	assert_string_equal(r[1].peer, "sysenter-32");
	assert_null(r[1].model);
	assert_null(r[1].real[0]);
	assert_non_null(r[1].real[1]);
	free(r);
	json_decref(model);
	json_decref(real);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reader),
		cmocka_unit_test(same_variant),
		cmocka_unit_test(other_kernel),
		cmocka_unit_test(gate),
		cmocka_unit_test(reality),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
