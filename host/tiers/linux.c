/* SPDX-License-Identifier: MIT */
/*
 * Tier linux: a real Linux kernel (by default Debian 12's, from the cache
 * ci/linux-kernel.sh fills) boots the project's own /init (linux-guest/)
 * under QEMU's TCG with -icount shift=0, where RDTSC counts executed
 * instructions.  With the determinism settings below and in tiers/linux.h
 * the counts are exact and identical on every boot of the same kernel,
 * command line and initramfs.  Only `run --guest linux` selects it
 * (tier.h): it boots a guest of its own (run/linux_run.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/array.h"
#include "tiers/linux.h"
#include "tiers/tier.h"

const struct eb_linux_cpu eb_linux_cpus[] = {
	{ "amd", "max,-rdrand,-rdseed" },
	{ "intel", "max,-rdrand,-rdseed,vendor=GenuineIntel" },
};
const size_t eb_linux_ncpus = N_OF(eb_linux_cpus);
const char *const eb_linux_cpu_names[] = { "amd", "intel", NULL };

const struct eb_linux_cpu *eb_linux_cpu(const char *name)
{
	for (size_t i = 0; i < eb_linux_ncpus; i++)
		if (strcmp(eb_linux_cpus[i].name, name) == 0)
			return &eb_linux_cpus[i];
	return NULL;
}

const char *eb_linux_cache_dir(char *buf, size_t size)
{
	const char *cache = getenv("EB_LINUX_CACHE");
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");

	if (cache && *cache)
		snprintf(buf, size, "%s", cache);
	else if (xdg && *xdg)
		snprintf(buf, size, "%s/entrybench/linux", xdg);
	else
		snprintf(buf, size, "%s/.cache/entrybench/linux", home ? home : "");
	return buf;
}

/* Without --linux-kernel the kernel is Debian's, from the cache. */
static const char *no_cached_kernel(const char *root, char *buf, size_t size)
{
	char dir[4096], path[4200];

	(void)root;	/* the cache is under $HOME, not /proc, /sys or /dev */
	snprintf(path, sizeof(path), "%s/current/vmlinuz",
		 eb_linux_cache_dir(dir, sizeof(dir)));
	if (access(path, R_OK) == 0)
		return NULL;
	snprintf(buf, size, "no Debian kernel in the cache (%s): %s fetches "
		 "it (ci/setup.sh runs it), or pass --linux-kernel PATH", path,
		 EB_LINUX_FETCH);
	return buf;
}

/* The CPU is the column's: tiers/linux.h, eb_linux_cpus. */
static const char *const qemu_args[] = {
	"-accel", "tcg", "-icount", "shift=0,sleep=off",
	"-rtc", "clock=vm,base=2024-01-01T00:00:00", NULL
};

EB_TIER(linux) = {
	.name = "linux",
	.unit = "insns",
	.describe = "a Linux kernel under TCG -icount shift=0: exact instruction "
		    "counts of its own entry paths",
	.caveats = "instructions executed, not time, of one kernel build with one "
		   "command line on one TCG CPU model: mitigations show as the "
		   "instructions they add, not as their cost in cycles",
	.qemu_args = qemu_args,
	.guest = "linux",
	.unusable = no_cached_kernel,
};
