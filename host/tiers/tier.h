/* SPDX-License-Identifier: MIT */
/*
 * Measurement tiers.  A tier fixes how QEMU runs the guest and therefore
 * what one guest tick means; the unit of every published figure is derived
 * from the tier here and nowhere else.
 */
#ifndef EB_TIER_H
#define EB_TIER_H

struct eb_tier {
	const char *name;		/* tcg | kvm | native, as in results */
	const char *unit;		/* what one tick is */
	const char *describe;		/* for table headers */
	const char *const *qemu_args;	/* NULL-terminated accelerator args;
					   NULL for native (no QEMU) */
};

/* NULL for an unknown name. */
const struct eb_tier *eb_tier(const char *name);

#endif
