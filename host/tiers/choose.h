/* SPDX-License-Identifier: MIT */
/*
 * Choosing the accelerator honestly.  KVM cycle counts are only worth
 * publishing when guest ring 0 runs on the real CPU; a /dev/kvm backed by a
 * software hypervisor (kvm_pvm) emulates it and its "cycles" mean nothing.
 */
#ifndef EB_ACCEL_H
#define EB_ACCEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tiers/tier.h"

/* Above this many ticks per `dec;jnz` iteration, ring 0 is emulated. */
#define EB_CALIB_MAX_TICKS_PER_ITER	50

/* What --accel may request, NULL-terminated: auto, kvm, tcg. */
extern const char *const eb_accel_requests[];

/*
 * request is auto, kvm or tcg.  root prefixes /proc, /sys and /dev ("" on
 * a real host; a directory in tests).  Returns the tier, or NULL with why
 * saying what is wrong and what to do instead.  On success why says how
 * the choice was made.
 */
const struct eb_tier *eb_accel_choose(const char *request, const char *root,
				      char *why, size_t size);

/* The second guard, on the guest's calib record: false rejects the trial. */
bool eb_accel_calib_ok(const struct eb_tier *tier, uint64_t iters,
		       uint64_t ticks, char *why, size_t size);

#endif
