/* SPDX-License-Identifier: MIT */
/*
 * A 32-bit process's __kernel_vsyscall.  The calls run in the -m32 helper
 * entrybench-vsyscall32 (vsyscall32.c), one helper run per batch Google
 * Benchmark asks for; the helper reports TSC ticks and nanoseconds of its
 * own loop, which become this benchmark's counter and manual time, so the
 * cost of starting the helper is in neither.
 *
 * A kernel without IA32 emulation refuses to execute the helper at all
 * (ENOEXEC, "Exec format error"): the probe runs it once to find out.
 */
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "native.h"
#include "vsyscall32.h"

extern char **environ;

struct helper_run {
	long result;
	unsigned long long ticks;
	long long ns;
};

const char *eb_native_vsyscall32_helper(void)
{
	const char *path = getenv(EB_VSYSCALL32_HELPER_ENV);

	if (path && *path)
		return path;
#ifdef EB_VSYSCALL32_BUILT
	return EB_VSYSCALL32_BUILT;
#else
	return NULL;
#endif
}

/* Why posix_spawn could not start the helper: a host feature or not. */
static enum eb_native_probe not_started(const char *path, int rc, char *why,
					size_t size)
{
	if (rc == ENOEXEC) {
		snprintf(why, size, "this host kernel cannot execute 32-bit "
			 "programs (no IA32 emulation): %s: %s", path,
			 strerror(rc));
		return EB_NATIVE_SKIP;
	}
	if (rc == ENOENT) {
		snprintf(why, size, "no 32-bit helper %s: %s", path, strerror(rc));
		return EB_NATIVE_SKIP;
	}
	snprintf(why, size, "cannot run %s: %s", path, strerror(rc));
	return EB_NATIVE_BROKEN;
}

/* Starts `path calls` with stdout into *fd. */
static enum eb_native_probe start(const char *path, const char *calls,
				  pid_t *pid, int *fd, char *why, size_t size)
{
	char *argv[] = { (char *)path, (char *)calls, NULL };
	posix_spawn_file_actions_t fa;
	int fds[2];

	if (pipe(fds) < 0) {
		snprintf(why, size, "pipe: %m");
		return EB_NATIVE_BROKEN;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
	posix_spawn_file_actions_addclose(&fa, fds[0]);
	int rc = posix_spawn(pid, path, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	if (rc != 0) {
		close(fds[0]);
		return not_started(path, rc, why, size);
	}
	*fd = fds[0];
	return EB_NATIVE_RUNS;
}

/* Runs the helper for `calls` calls and checks what it returned. */
static enum eb_native_probe run_helper(const char *path, uint64_t calls,
				       struct helper_run *r, char *why,
				       size_t size)
{
	char arg[32], out[256] = "";
	int fd, status;
	pid_t pid;

	snprintf(arg, sizeof(arg), "%llu", (unsigned long long)calls);
	enum eb_native_probe v = start(path, arg, &pid, &fd, why, size);
	if (v != EB_NATIVE_RUNS)
		return v;
	ssize_t n = read(fd, out, sizeof(out) - 1);
	close(fd);
	waitpid(pid, &status, 0);
	if (WIFEXITED(status) && WEXITSTATUS(status) == EB_VSYSCALL32_NO_VDSO) {
		snprintf(why, size, "this host kernel gives 32-bit programs no "
			 "vDSO (no AT_SYSINFO; vdso32=0?)");
		return EB_NATIVE_SKIP;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || n <= 0 ||
	    sscanf(out, "%ld %llu %lld", &r->result, &r->ticks, &r->ns) != 3) {
		snprintf(why, size, "%s %s failed (status 0x%x), printed '%.*s'",
			 path, arg, status, n > 0 ? (int)strcspn(out, "\n") : 0, out);
		return EB_NATIVE_BROKEN;
	}
	/* The helper's parent is this process. */
	if (r->result != getpid()) {
		snprintf(why, size, "__kernel_vsyscall getppid returned %ld, "
			 "expected %d", r->result, getpid());
		return EB_NATIVE_BROKEN;
	}
	return EB_NATIVE_RUNS;
}

static enum eb_native_probe probe(void *arg, char *why, size_t size)
{
	const char *path = eb_native_vsyscall32_helper();
	struct helper_run r;

	(void)arg;
	if (!path) {
		snprintf(why, size, "entrybench was built without a 32-bit C "
			 "toolchain (install gcc-multilib and rebuild)");
		return EB_NATIVE_SKIP;
	}
	return run_helper(path, 1, &r, why, size);
}

static void bench(struct eb_gb_state *st, void *arg)
{
	const char *path = eb_native_vsyscall32_helper();
	uint64_t calls = eb_gb_max_iterations(st), ticks = 0, done = 0;
	struct helper_run r;
	char why[512];

	(void)arg;
	while (eb_gb_keep_running_batch(st, calls)) {
		/* The probe ran it: whatever goes wrong now is a failure. */
		if (run_helper(path, calls, &r, why, sizeof(why)) != EB_NATIVE_RUNS) {
			eb_gb_error(st, "%s", why);
			return;
		}
		eb_gb_set_iteration_time(st, r.ns / 1e9);
		ticks += r.ticks;
		done += calls;
	}
	eb_gb_set_label(st, "returned getppid() as expected");
	eb_gb_set_counter(st, EB_NATIVE_COUNTER, (double)ticks / (double)done);
}

EB_NATIVE_BENCH(vsyscall32) = {
	.name = "getppid-vsyscall32",
	.mode = "i386",
	.models = "getppid through __kernel_vsyscall in a 32-bit process: the "
		  "compat entry the vDSO picks (SYSENTER on Intel, SYSCALL on AMD)",
	.source = "Linux arch/x86/entry/vdso/vdso32/system_call.S, entry_64_compat.S",
	.manual_time = true,
	.fn = bench,
	.probe = probe,
};
