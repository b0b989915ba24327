/* SPDX-License-Identifier: MIT */
/*
 * The SYSCALL instruction itself, not glibc's wrappers (which may cache or
 * take a vDSO path): getppid, about the cheapest syscall that does enter
 * the kernel, and a number no table has, which is entry and exit only.
 */
#include <errno.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "native.h"

/* Far beyond any syscall table, and without the x32 bit. */
#define NR_INVALID	100000L

static inline long syscall0(long nr)
{
	long ret;

	__asm__ volatile("syscall" : "=a"(ret) : "a"(nr) : "rcx", "r11", "memory");
	return ret;
}

static void bench(struct eb_gb_state *st, void *arg)
{
	long nr = (long)arg, want = nr == NR_INVALID ? -ENOSYS : getppid();
	long got = syscall0(nr);
	char label[64];

	if (got != want) {
		eb_gb_error(st, "syscall %ld returned %ld, expected %ld", nr, got, want);
		return;
	}
	snprintf(label, sizeof(label), "returned %ld as expected", got);
	eb_gb_set_label(st, label);
	EB_NATIVE_TIMED(st, syscall0(nr));
}

EB_NATIVE_BENCH(getppid) = {
	.name = "getppid-syscall",
	.family = "syscall",
	.mode = "x86_64",
	.models = "getppid through the SYSCALL instruction: the host kernel's "
		  "64-bit entry, dispatch and exit",
	.source = "Linux arch/x86/entry/entry_64.S entry_SYSCALL_64",
	.fn = bench,
	.arg = (void *)(long)__NR_getppid,
};

EB_NATIVE_BENCH(enosys) = {
	.name = "enosys-syscall",
	.family = "syscall",
	.mode = "x86_64",
	.models = "an invalid syscall number through SYSCALL: entry and exit "
		  "with -ENOSYS, no handler",
	.source = "Linux arch/x86/entry/syscall_64.c do_syscall_64",
	.fn = bench,
	.arg = (void *)NR_INVALID,
};
