/* SPDX-License-Identifier: MIT */
/*
 * int $0x80 from a 64-bit process: the i386 syscall table (getppid is 64
 * there) through the compat interrupt gate.  A kernel without IA32
 * emulation kills the caller, so a child tries it first.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
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

/* NULL if int $0x80 returns here, else why not. */
static const char *unavailable(char *why, size_t size)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		int80(NR_GETPPID_I386);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return "cannot fork a child to try int $0x80";
	if (!WIFSIGNALED(status))
		return NULL;
	snprintf(why, size, "int $0x80 raised %s: this kernel has no IA32 "
		 "emulation (CONFIG_IA32_EMULATION, ia32_emulation=)",
		 strsignal(WTERMSIG(status)));
	return why;
}

static void bench(struct eb_gb_state *st, void *arg)
{
	char buf[160];
	const char *why = unavailable(buf, sizeof(buf));
	long got, want = getppid();

	(void)arg;
	if (why) {
		eb_gb_skip(st, "%s", why);
		return;
	}
	got = int80(NR_GETPPID_I386);
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
	.mode = "x86_64",
	.models = "getppid (i386 number 64) through int $0x80 from a 64-bit "
		  "process: compat interrupt-gate entry, IRET exit",
	.source = "Linux arch/x86/entry/entry_64_compat.S entry_INT80_compat",
	.fn = bench,
};
