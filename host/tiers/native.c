/* SPDX-License-Identifier: MIT */
/*
 * Tier native: no guest.  The host kernel's own entry paths, timed in this
 * process with Google Benchmark (host/native/); each benchmark says itself
 * when this host cannot run it.
 */
#include "tiers/tier.h"

EB_TIER(native) = {
	.name = "native",
	.unit = "tsc_cycles",
	.describe = "host kernel, Google Benchmark: TSC cycles per call",
	.caveats = "this host kernel's paths with its mitigations, on a host that "
		   "may itself be a VM: statistical, comparable on this host only",
};
