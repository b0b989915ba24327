/*
 * The 32-bit helper: getppid through the vDSO's __kernel_vsyscall from a
 * 32-bit process, checked and timed by the same measure.c and bench-kernel
 * timing.S (i386) as every probe; results as text for the 64-bit side
 * (probe32.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>

#include "guest.h"
#include "probe.h"
#include "probe32.h"

uintptr_t vsyscall_entry;	/* read by the trip */

ASM_TRIP(vsyscall32_trip,
	 "movl $64, %eax\n\t"		/* i386 getppid */
	 "call *vsyscall_entry");

/*
 * Which instruction __kernel_vsyscall executes: the kernel patches it at
 * boot (ALTERNATIVE_2 in vdso32/system_call.S) to SYSENTER on Intel,
 * SYSCALL on AMD, and leaves int $0x80 as the fallback.  The first of them
 * in its code is the one that runs.
 */
static const char *entry_name(void)
{
	const unsigned char *c = (const unsigned char *)vsyscall_entry;

	for (int i = 0; i < 32; i++) {
		if (c[i] == 0x0f && c[i + 1] == 0x34)
			return "sysenter";
		if (c[i] == 0x0f && c[i + 1] == 0x05)
			return "syscall";
		if (c[i] == 0xcd && c[i + 1] == 0x80)
			return "int80";
	}
	return "unknown";
}

static const char *note(void)
{
	static char text[80];

	snprintf(text, sizeof(text), "entry %s (read from __kernel_vsyscall)",
		 entry_name());
	return text;
}

static const struct probe vsyscall32 = {
	.name = "getppid-vsyscall32",
	.clobbers = 0,		/* __kernel_vsyscall keeps all but EAX ... */
	/*
	 * ... and, under PTI on Intel, all but the arithmetic flags too:
	 * SYSENTER saves no flags, and entry_SYSENTER_compat switches CR3
	 * (an ANDQ) before its PUSHFQ saves them (seen: 0xac7 came back as
	 * 0x206 with PTI, intact with pti=off).  Nothing in the i386 system-
	 * call ABI promises them; IF, DF, TF and the rest are still checked.
	 */
	.flags_clobbers = ARITH_FLAGS,
	.expect = expected_parent,
	.trip = vsyscall32_trip,
	.note = note,
};

static struct measurement m;

static bool arg(const char *s, uint64_t max, uint64_t *out)
{
	char *end;

	*out = strtoull(s, &end, 10);
	return *s && !*end && *out <= max;
}

int main(int argc, char **argv)
{
	struct guest_config cfg = { 0 };
	uint64_t ppid;

	vsyscall_entry = getauxval(AT_SYSINFO);
	if (argc == 2 && !strcmp(argv[1], "--entry")) {
		if (!vsyscall_entry)
			return PROBE32_NO_VDSO;
		printf("%s\n", entry_name());
		return 0;
	}
	if (argc != 5 || !arg(argv[1], EB_MAX_K, &cfg.k) || !cfg.k ||
	    !arg(argv[2], EB_MAX_BATCHES, &cfg.batches) ||
	    !arg(argv[3], EB_MAX_K, &cfg.warmup) || !arg(argv[4], 1u << 30, &ppid)) {
		fprintf(stderr, "usage: probe32 --entry | probe32 K BATCHES WARMUP PPID\n");
		return 2;
	}
	if (!vsyscall_entry)
		return PROBE32_NO_VDSO;
	cfg.parent = (pid_t)ppid;
	measure(&vsyscall32, &cfg, &m);
	printf("check %s %s\n", m.passed ? "pass" : "fail", m.detail);
	for (uint64_t b = 0; m.passed && b < m.nbatches; b++)
		printf("batch %llu %llu\n", (unsigned long long)m.overhead[b],
		       (unsigned long long)m.ticks[b]);
	return 0;
}
