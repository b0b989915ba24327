/*
 * clock_gettime(CLOCK_MONOTONIC) through the vDSO, called directly: no
 * kernel entry at all while the clocksource can be read from user space
 * (the TSC); otherwise the vDSO falls back to the system call.
 */
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "probe.h"
#include "vdso.h"

static int (*vdso_clock_gettime)(clockid_t, struct timespec *);
static struct timespec ts;
static char clocksource[32];

static long cgt_trip(void)
{
	return vdso_clock_gettime(CLOCK_MONOTONIC, &ts);
}

static long zero(void)
{
	return 0;
}

static const char *unsupported(const struct guest_config *cfg)
{
	(void)cfg;
	vdso_clock_gettime = vdso_sym("__vdso_clock_gettime");
	return vdso_clock_gettime ? NULL :
	       "no vDSO with __vdso_clock_gettime in this process (vdso=0?)";
}

static void read_clocksource(void)
{
	FILE *f = fopen("/sys/devices/system/clocksource/clocksource0/"
			"current_clocksource", "r");

	snprintf(clocksource, sizeof(clocksource), "unknown");
	if (f && fgets(clocksource, sizeof(clocksource), f))
		clocksource[strcspn(clocksource, "\n")] = '\0';
	if (f)
		fclose(f);
}

static struct timespec before, after;

static void prepare(void)
{
	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &before);
}

static bool later(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec > b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec >= b->tv_nsec);
}

/* The vDSO's time lies between two readings of the system call's. */
static const char *check(void)
{
	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &after);
	if (!later(&ts, &before) || !later(&after, &ts))
		return "the vDSO's CLOCK_MONOTONIC is not between two readings of "
		       "the system call's";
	return NULL;
}

static const char *note(void)
{
	static char text[64];

	read_clocksource();
	snprintf(text, sizeof(text), "clocksource %s", clocksource);
	return text;
}

PROBE(clock_gettime_vdso) = {
	.name = "clock_gettime-vdso",
	.family = "vdso",
	.models = "clock_gettime(CLOCK_MONOTONIC) through __vdso_clock_gettime: "
		  "no kernel entry unless the clocksource cannot be read from user "
		  "space (the check's detail names it)",
	.source = "Linux lib/vdso/gettimeofday.c, arch/x86/include/asm/vdso/gettimeofday.h",
	.clobbers = C_CLOBBERS,
	.expect = zero,
	.unsupported = unsupported,
	.prepare = prepare,
	.trip = (void (*)(void))cgt_trip,
	.check = check,
	.note = note,
};
