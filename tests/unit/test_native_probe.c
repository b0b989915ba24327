/* SPDX-License-Identifier: MIT */
/*
 * Native benchmarks' host probes: what a host without IA32 emulation,
 * without a KVM device node or with RDTSC disabled looks like to them, acted
 * out on any host (a child that raises SIGSEGV, a helper that is no
 * program, EB_KVM_DEV pointing nowhere), and that a probe is asked once,
 * before timing, however many repetitions there are.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "fixture.h"
#include "native/native.h"

static char dir[] = "/tmp/eb-test-probe.XXXXXX";

static const struct eb_native_bench *bench(const char *name)
{
	size_t n;
	const struct eb_native_bench *const *all = eb_native_all(&n);

	for (size_t i = 0; i < n; i++)
		if (strcmp(all[i]->name, name) == 0)
			return all[i];
	fail_msg("no native benchmark %s", name);
	return NULL;
}

static enum eb_native_probe ask(const char *name, char *why, size_t size)
{
	const struct eb_native_bench *b = bench(name);

	assert_non_null(b->probe);
	*why = '\0';
	return b->probe(b->arg, why, size);
}

/* What int $0x80 does on a kernel without IA32 emulation. */
static bool segv(void)
{
	raise(SIGSEGV);
	return true;
}

static bool works(void) { return true; }
static bool wrong(void) { return false; }
static bool aborts(void) { abort(); }

static void int80_child_killed_by_sigsegv(void **state)
{
	(void)state;
	char why[512] = "";

	assert_int_equal(eb_native_probe_int80(segv, why, sizeof(why)),
			 EB_NATIVE_SKIP);
	assert_string_equal(why, "this host kernel cannot take 32-bit system "
			    "calls (no IA32 emulation): int $0x80 from a 64-bit "
			    "process raised SIGSEGV");
	assert_int_equal(eb_native_probe_int80(works, why, sizeof(why)),
			 EB_NATIVE_RUNS);
	/* Anything but SIGSEGV is no missing feature: a failure. */
	assert_int_equal(eb_native_probe_int80(wrong, why, sizeof(why)),
			 EB_NATIVE_BROKEN);
	assert_non_null(strstr(why, "did not return the parent's pid"));
	assert_int_equal(eb_native_probe_int80(aborts, why, sizeof(why)),
			 EB_NATIVE_BROKEN);
	assert_non_null(strstr(why, "died of signal 6"));
}

/* This host: a figure (it runs) or the IA32 skip, never a failure. */
static void int80_on_this_host(void **state)
{
	(void)state;
	char why[512];
	enum eb_native_probe v = ask("getppid-int80", why, sizeof(why));

	if (v == EB_NATIVE_SKIP)
		assert_non_null(strstr(why, "no IA32 emulation"));
	else
		assert_int_equal(v, EB_NATIVE_RUNS);
}

static void helper(const char *name, const char *text, mode_t mode, char *path,
		   size_t size)
{
	snprintf(path, size, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	assert_int_equal(chmod(path, mode), 0);
	assert_int_equal(setenv(EB_VSYSCALL32_HELPER_ENV, path, 1), 0);
}

/* execve of a 32-bit ELF on a kernel without IA32 emulation: ENOEXEC. */
static void vsyscall32_helper_not_executable(void **state)
{
	(void)state;
	char why[512], path[512], want[1024];

	helper("notelf", "\x7f" "ELF\x01 not a program", 0755, path, sizeof(path));
	assert_int_equal(ask("getppid-vsyscall32", why, sizeof(why)), EB_NATIVE_SKIP);
	snprintf(want, sizeof(want), "this host kernel cannot execute 32-bit "
		 "programs (no IA32 emulation): %s: Exec format error", path);
	assert_string_equal(why, want);
}

static void vsyscall32_helper_outcomes(void **state)
{
	(void)state;
	char why[512], path[512];

	helper("novdso", "#!/bin/sh\nexit 3\n", 0755, path, sizeof(path));
	assert_int_equal(ask("getppid-vsyscall32", why, sizeof(why)), EB_NATIVE_SKIP);
	assert_non_null(strstr(why, "no vDSO"));
	/* A helper that answers wrongly is a failure, not a missing feature. */
	helper("wrong", "#!/bin/sh\necho 1 100 100\n", 0755, path, sizeof(path));
	assert_int_equal(ask("getppid-vsyscall32", why, sizeof(why)), EB_NATIVE_BROKEN);
	assert_non_null(strstr(why, "getppid returned 1"));
	helper("crash", "#!/bin/sh\nkill -SEGV $$\n", 0755, path, sizeof(path));
	assert_int_equal(ask("getppid-vsyscall32", why, sizeof(why)), EB_NATIVE_BROKEN);
	helper("right", "#!/bin/sh\necho $PPID 100 100\n", 0755, path, sizeof(path));
	assert_int_equal(ask("getppid-vsyscall32", why, sizeof(why)), EB_NATIVE_RUNS);
	helper("noexec", "#!/bin/sh\necho $PPID 100 100\n", 0644, path, sizeof(path));
	assert_int_equal(ask("getppid-vsyscall32", why, sizeof(why)), EB_NATIVE_BROKEN);
	assert_non_null(strstr(why, "Permission denied"));
	unlink(path);
	assert_int_equal(ask("getppid-vsyscall32", why, sizeof(why)), EB_NATIVE_SKIP);
	assert_non_null(strstr(why, "no 32-bit helper"));
	unsetenv(EB_VSYSCALL32_HELPER_ENV);
}

static void kvm_without_node(void **state)
{
	(void)state;
	char why[512], dev[512];

	snprintf(dev, sizeof(dev), "%s/no-kvm", dir);
	assert_int_equal(setenv("EB_KVM_DEV", dev, 1), 0);
	assert_int_equal(ask("kvm-run-pio", why, sizeof(why)), EB_NATIVE_SKIP);
	assert_non_null(strstr(why, "no hardware KVM: no /dev/kvm node"));
	assert_null(strstr(why, "provided by kvm_pvm"));
	unsetenv("EB_KVM_DEV");
}

/* RDTSC disabled for the process (PR_SET_TSC): every benchmark skips. */
static void tsc_disabled(void **state)
{
	(void)state;
	char why[512];
	int status;

	assert_int_equal(eb_native_probe_tsc(why, sizeof(why)), EB_NATIVE_RUNS);
	pid_t pid = fork();
	if (pid == 0) {
		if (prctl(PR_SET_TSC, PR_TSC_SIGSEGV) != 0)
			_exit(77);
		_exit(eb_native_probe_tsc(why, sizeof(why)) == EB_NATIVE_SKIP &&
		      strstr(why, "RDTSC is disabled") ? 0 : 1);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 77)
		skip();
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static int probes, calls;

static enum eb_native_probe counted_skip(void *arg, char *why, size_t size)
{
	(void)arg;
	probes++;
	snprintf(why, size, "no such feature");
	return EB_NATIVE_SKIP;
}

static void never(struct eb_gb_state *st, void *arg)
{
	(void)st;
	(void)arg;
	calls++;
}

/* Asked once for all repetitions; a skip never reaches the benchmark. */
static void probe_once_before_timing(void **state)
{
	(void)state;
	static const struct eb_native_bench skipper = {
		.name = "skipper", .mode = "x86_64", .fn = never,
		.probe = counted_skip,
	};
	const struct eb_native_bench *const benches[] = { &skipper };
	char path[512], err[256];
	struct eb_gb_options o = {
		.repetitions = 3, .min_time_s = 0.01, .json_path = path,
	};
	size_t i;
	json_t *run;

	snprintf(path, sizeof(path), "%s/gb.json", dir);
	eb_gb_clear();
	eb_native_register(benches, 1);
	assert_int_equal(eb_gb_run(&o, err, sizeof(err)), 1);
	assert_int_equal(probes, 1);
	assert_int_equal(calls, 0);
	json_t *gb = json_load_file(path, 0, NULL);
	assert_non_null(gb);
	assert_int_equal(json_array_size(json_object_get(gb, "benchmarks")), 3);
	json_array_foreach(json_object_get(gb, "benchmarks"), i, run)
		assert_string_equal(json_string_value(json_object_get(run,
					"error_message")),
				    EB_GB_SKIPPED "no such feature");
	json_decref(gb);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(int80_child_killed_by_sigsegv),
		cmocka_unit_test(int80_on_this_host),
		cmocka_unit_test(vsyscall32_helper_not_executable),
		cmocka_unit_test(vsyscall32_helper_outcomes),
		cmocka_unit_test(kvm_without_node),
		cmocka_unit_test(tsc_disabled),
		cmocka_unit_test(probe_once_before_timing),
	};

	if (!mkdtemp(dir))
		return 1;
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	return fixture_remove_tree(dir) == 0 ? failed : 1;
}
