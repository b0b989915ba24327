/* SPDX-License-Identifier: MIT */
/*
 * int $0x80 from a 64-bit process: the i386 syscall table (getppid is 64
 * there) through the compat interrupt gate.  A kernel without IA32
 * emulation (CONFIG_IA32_EMULATION off, or ia32_emulation=false) has no
 * such gate and kills the caller with SIGSEGV, so the probe tries it in a
 * child first.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "native.h"

#define NR_GETPPID_I386	64L

static inline long int80(long nr)
{
	long ret;

	/* Kernels before 4.17 zero r8-r11 on this path. */
	__asm__ volatile("int $0x80" : "=a"(ret) : "a"(nr)
			 : "r8", "r9", "r10", "r11", "memory");
	return ret;
}

/* What the child's end says about int $0x80 on this host. */
static enum eb_native_probe classify(int status, char *why, size_t size)
{
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return EB_NATIVE_RUNS;
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV) {
		snprintf(why, size, "this host kernel cannot take 32-bit system "
			 "calls (no IA32 emulation): int $0x80 from a 64-bit "
			 "process raised SIGSEGV");
		return EB_NATIVE_SKIP;
	}
	if (WIFSIGNALED(status))
		snprintf(why, size, "the int $0x80 probe died of signal %d (%s)",
			 WTERMSIG(status), strsignal(WTERMSIG(status)));
	else
		snprintf(why, size, "int $0x80 getppid did not return the "
			 "parent's pid (probe exit status %d)", WEXITSTATUS(status));
	return EB_NATIVE_BROKEN;
}

enum eb_native_probe eb_native_probe_int80(bool (*attempt)(void), char *why,
					   size_t size)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		/*
		 * A SIGSEGV here is the answer, not a crash to keep or to
		 * report: no core, and no inherited handler (ASan's, a test
		 * framework's) that would catch it.
		 */
		setrlimit(RLIMIT_CORE, &(struct rlimit){ 0, 0 });
		signal(SIGSEGV, SIG_DFL);
		_exit(attempt() ? 0 : 1);
	}
	if (pid < 0) {
		snprintf(why, size, "cannot fork a child to try int $0x80: %m");
		return EB_NATIVE_BROKEN;
	}
	if (waitpid(pid, &status, 0) != pid) {
		snprintf(why, size, "cannot wait for the int $0x80 probe: %m");
		return EB_NATIVE_BROKEN;
	}
	return classify(status, why, size);
}

static bool getppid_by_int80(void)
{
	return int80(NR_GETPPID_I386) == getppid();
}

static enum eb_native_probe probe(void *arg, char *why, size_t size)
{
	(void)arg;
	return eb_native_probe_int80(getppid_by_int80, why, size);
}

static void bench(struct eb_gb_state *st, void *arg)
{
	long got = int80(NR_GETPPID_I386), want = getppid();

	(void)arg;
	if (got != want) {
		eb_gb_error(st, "int $0x80 getppid returned %ld, expected %ld",
			    got, want);
		return;
	}
	eb_gb_set_label(st, "returned getppid() as expected");
	EB_NATIVE_TIMED(st, int80(NR_GETPPID_I386));
}

EB_NATIVE_BENCH(int80) = {
	.name = "getppid-int80",
	.family = "int80-gate",
	.mode = "x86_64",
	.models = "getppid (i386 number 64) through int $0x80 from a 64-bit "
		  "process: compat interrupt-gate entry, IRET exit",
	.source = "Linux arch/x86/entry/entry_64_compat.S entry_INT80_compat",
	.fn = bench,
	.probe = probe,
};
