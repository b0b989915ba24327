/* SPDX-License-Identifier: MIT */
#include <stddef.h>
#include <string.h>

#include "tiers/tier.h"

/*
 * -icount shift=0 makes RDTSC count executed instructions: deterministic.
 * The CPU model claims Intel because TCG then also implements SYSENTER in
 * long mode (AMD makes it #UD); no other path of the bench kernel depends on
 * the vendor, so the counts of the other variants are unchanged.
 */
static const char *const tcg_args[] = {
	"-accel", "tcg", "-icount", "shift=0,sleep=off",
	"-cpu", "max,vendor=GenuineIntel", NULL
};

static const char *const kvm_args[] = {
	"-accel", "kvm", "-cpu", "host", NULL
};

static const struct eb_tier tiers[] = {
	{
		.name = "tcg",
		.unit = "insns",
		.describe = "TCG -icount shift=0: exact instruction counts",
		.qemu_args = tcg_args,
	},
	{
		.name = "kvm",
		.unit = "tsc_cycles",
		.describe = "hardware KVM: TSC cycles of this host's CPU",
		.qemu_args = kvm_args,
	},
	{
		/* No guest: the host kernel's own paths, timed in-process. */
		.name = "native",
		.unit = "tsc_cycles",
		.describe = "host kernel, Google Benchmark: TSC cycles per call",
	},
};

const struct eb_tier *eb_tier(const char *name)
{
	for (size_t i = 0; i < sizeof(tiers) / sizeof(tiers[0]); i++)
		if (strcmp(tiers[i].name, name) == 0)
			return &tiers[i];
	return NULL;
}
