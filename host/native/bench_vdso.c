/* SPDX-License-Identifier: MIT */
/*
 * clock_gettime(CLOCK_MONOTONIC) in the vDSO, called directly rather than
 * through glibc.  The vDSO only stays in user space when the clocksource
 * can be read there (tsc, kvm-clock, hyperv); otherwise it makes the
 * syscall, so the clocksource is part of the result's label.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "native.h"

typedef int (*clock_gettime_fn)(clockid_t, struct timespec *);

static void clocksource(char *buf, size_t size)
{
	FILE *f = fopen("/sys/devices/system/clocksource/clocksource0/"
			"current_clocksource", "r");

	if (!f || !fgets(buf, size, f))
		snprintf(buf, size, "unknown");
	buf[strcspn(buf, "\n")] = '\0';
	if (f)
		fclose(f);
}

static bool ordered(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec < b->tv_sec ||
	       (a->tv_sec == b->tv_sec && a->tv_nsec <= b->tv_nsec);
}

/* glibc keeps the vDSO as a loaded object of this name. */
static clock_gettime_fn vdso_clock_gettime(void)
{
	void *vdso = dlopen("linux-vdso.so.1", RTLD_NOW | RTLD_NOLOAD);

	return vdso ? (clock_gettime_fn)dlvsym(vdso, "__vdso_clock_gettime",
					       "LINUX_2.6") : NULL;
}

/* A kernel booted with vdso=0 maps none. */
static enum eb_native_probe probe(void *arg, char *why, size_t size)
{
	(void)arg;
	if (vdso_clock_gettime())
		return EB_NATIVE_RUNS;
	snprintf(why, size, "no __vdso_clock_gettime in this process's vDSO "
		 "(booted with vdso=0?)");
	return EB_NATIVE_SKIP;
}

static void bench(struct eb_gb_state *st, void *arg)
{
	clock_gettime_fn fn = vdso_clock_gettime();
	struct timespec before, t, after;
	char label[128], cs[64];

	(void)arg;
	clock_gettime(CLOCK_MONOTONIC, &before);
	int rc = fn(CLOCK_MONOTONIC, &t);
	clock_gettime(CLOCK_MONOTONIC, &after);
	if (rc != 0 || !ordered(&before, &t) || !ordered(&t, &after)) {
		eb_gb_error(st, "__vdso_clock_gettime returned %d, time %lld.%09ld "
			    "outside [%lld.%09ld, %lld.%09ld]", rc,
			    (long long)t.tv_sec, t.tv_nsec,
			    (long long)before.tv_sec, before.tv_nsec,
			    (long long)after.tv_sec, after.tv_nsec);
		return;
	}
	clocksource(cs, sizeof(cs));
	snprintf(label, sizeof(label), "monotonic time as expected; clocksource %s", cs);
	eb_gb_set_label(st, label);
	EB_NATIVE_TIMED(st, fn(CLOCK_MONOTONIC, &t));
}

EB_NATIVE_BENCH(vdso) = {
	.name = "clock_gettime-vdso",
	.family = "vdso",
	.mode = "x86_64",
	.models = "clock_gettime(CLOCK_MONOTONIC) in the vDSO: no kernel entry "
		  "unless the clocksource cannot be read from user space",
	.source = "Linux lib/vdso/gettimeofday.c",
	.fn = bench,
	.probe = probe,
};
