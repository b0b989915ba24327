/* SPDX-License-Identifier: MIT */
/*
 * Tier tcg: the bench kernel under QEMU's TCG with -icount shift=0, where
 * RDTSC counts executed instructions.  The counts are exact and identical
 * on every boot of the same image on any host: what CI gates on.
 */
#include "tiers/tier.h"

/*
 * The CPU model claims Intel because TCG then also implements SYSENTER in
 * long mode (AMD makes it #UD); no other path of the bench kernel depends
 * on the vendor, so the counts of the other variants are unchanged.
 */
static const char *const qemu_args[] = {
	"-accel", "tcg", "-icount", "shift=0,sleep=off",
	"-cpu", "max,vendor=GenuineIntel", NULL
};

EB_TIER(tcg) = {
	.name = "tcg",
	.unit = "insns",
	.describe = "TCG -icount shift=0: exact instruction counts",
	.caveats = "instructions executed, not time: every instruction counts 1, "
		   "so what one costs (cache and TLB misses, serialisation, "
		   "microcode) does not show",
	.qemu_args = qemu_args,
	.auto_preference = 1,	/* runs anywhere: auto's fallback */
};
