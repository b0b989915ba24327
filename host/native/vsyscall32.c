/* SPDX-License-Identifier: MIT */
/*
 * entrybench-vsyscall32: a 32-bit process timing getppid through
 * __kernel_vsyscall, the entry the i386 vDSO picks for this CPU (SYSENTER
 * on Intel, SYSCALL on AMD, int $0x80 as the fallback).  Google Benchmark
 * is not available as a 32-bit library, so this is a bare timing loop that
 * bench_vsyscall32.c runs and whose output it folds in.
 *
 * usage: entrybench-vsyscall32 CALLS
 * prints: <getppid result> <TSC ticks of CALLS calls> <ns of CALLS calls>
 * exit status: 0, EB_VSYSCALL32_NO_VDSO, 1 on failure, 2 on bad usage
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/auxv.h>
#include <time.h>

#include "vsyscall32.h"

#define NR_GETPPID_I386	64
#define WARMUP		1000

static inline uint64_t tsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("lfence; rdtsc; lfence" : "=a"(lo), "=d"(hi) :: "memory");
	return (uint64_t)hi << 32 | lo;
}

/* The vsyscall takes the number in eax and preserves every other register. */
static inline long vsyscall(uintptr_t entry)
{
	long ret;

	__asm__ volatile("call *%1" : "=a"(ret) : "r"(entry), "a"(NR_GETPPID_I386)
			 : "memory");
	return ret;
}

int main(int argc, char **argv)
{
	uintptr_t entry = getauxval(AT_SYSINFO);
	char *end;
	unsigned long long calls = argc == 2 ? strtoull(argv[1], &end, 10) : 0;
	struct timespec a, b;
	long ret = 0;

	if (argc != 2 || *end || !calls) {
		fprintf(stderr, "usage: entrybench-vsyscall32 CALLS\n");
		return 2;
	}
	if (!entry) {
		fprintf(stderr, "entrybench-vsyscall32: no AT_SYSINFO in the auxiliary vector\n");
		return EB_VSYSCALL32_NO_VDSO;
	}
	for (int i = 0; i < WARMUP; i++)
		ret = vsyscall(entry);
	clock_gettime(CLOCK_MONOTONIC_RAW, &a);
	uint64_t t0 = tsc();
	for (unsigned long long i = 0; i < calls; i++)
		vsyscall(entry);
	uint64_t t1 = tsc();
	clock_gettime(CLOCK_MONOTONIC_RAW, &b);
	printf("%ld %llu %lld\n", ret, (unsigned long long)(t1 - t0),
	       (long long)(b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec));
	return 0;
}
