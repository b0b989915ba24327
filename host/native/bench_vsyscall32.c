/* SPDX-License-Identifier: MIT */
/*
 * A 32-bit process's __kernel_vsyscall.  The calls run in the -m32 helper
 * entrybench-vsyscall32 (vsyscall32.c), one helper run per batch Google
 * Benchmark asks for; the helper reports TSC ticks and nanoseconds of its
 * own loop, which become this benchmark's counter and manual time, so the
 * cost of starting the helper is in neither.
 */
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "native.h"

extern char **environ;

struct helper_run {
	long result;
	unsigned long long ticks;
	long long ns;
};

/* Runs the helper for `calls` calls; false with why if it did not work. */
static bool run_helper(const char *path, uint64_t calls, struct helper_run *r,
		       char *why, size_t size)
{
	char arg[32], out[256] = "";
	char *argv[] = { (char *)path, arg, NULL };
	int fds[2], status;
	posix_spawn_file_actions_t fa;
	pid_t pid;

	snprintf(arg, sizeof(arg), "%llu", (unsigned long long)calls);
	if (pipe(fds) < 0) {
		snprintf(why, size, "pipe: %m");
		return false;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
	posix_spawn_file_actions_addclose(&fa, fds[0]);
	int rc = posix_spawn(&pid, path, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	if (rc != 0) {
		close(fds[0]);
		snprintf(why, size, "cannot run %s: %s", path, strerror(rc));
		return false;
	}
	ssize_t n = read(fds[0], out, sizeof(out) - 1);
	close(fds[0]);
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || n <= 0 ||
	    sscanf(out, "%ld %llu %lld", &r->result, &r->ticks, &r->ns) != 3) {
		snprintf(why, size, "%s %s failed (status 0x%x), printed '%.*s'",
			 path, arg, status, n > 0 ? (int)strcspn(out, "\n") : 0, out);
		return false;
	}
	return true;
}

static void bench(struct eb_gb_state *st, void *arg)
{
	const char *path = arg;
	uint64_t calls = eb_gb_max_iterations(st), ticks = 0;
	struct helper_run r;
	char why[512];

	if (!path) {
		eb_gb_skip(st, "entrybench was built without a 32-bit C toolchain "
			   "(install gcc-multilib and rebuild)");
		return;
	}
	if (access(path, X_OK) != 0) {
		eb_gb_skip(st, "no 32-bit helper %s: %m", path);
		return;
	}
	while (eb_gb_keep_running_batch(st, calls)) {
		if (!run_helper(path, calls, &r, why, sizeof(why))) {
			eb_gb_error(st, "%s", why);
			return;
		}
		/* The helper's parent is this process. */
		if (r.result != getpid()) {
			eb_gb_error(st, "__kernel_vsyscall getppid returned %ld, "
				    "expected %d", r.result, getpid());
			return;
		}
		eb_gb_set_iteration_time(st, r.ns / 1e9);
		ticks += r.ticks;
	}
	eb_gb_set_label(st, "returned getppid() as expected");
	eb_gb_set_counter(st, EB_NATIVE_COUNTER, (double)ticks / (double)calls);
}

EB_NATIVE_BENCH(vsyscall32) = {
	.name = "getppid-vsyscall32",
	.mode = "i386",
	.models = "getppid through __kernel_vsyscall in a 32-bit process: the "
		  "compat entry the vDSO picks (SYSENTER on Intel, SYSCALL on AMD)",
	.source = "Linux arch/x86/entry/vdso/vdso32/system_call.S, entry_64_compat.S",
	.manual_time = true,
	.fn = bench,
#ifdef EB_VSYSCALL32_HELPER
	.arg = EB_VSYSCALL32_HELPER,
#endif
};
