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

#include "tier.h"

/*
 * The KVM device entrybench checks (and the native tier opens): /dev/kvm,
 * or $EB_KVM_DEV, which tests point elsewhere to act out a host without
 * one.  QEMU opens /dev/kvm itself whatever this says.
 */
#define EB_KVM_DEV_DEFAULT	"/dev/kvm"
#define EB_KVM_DEV_ENV		"EB_KVM_DEV"
const char *eb_kvm_dev(void);

/* Above this many ticks per `dec;jnz` iteration, ring 0 is emulated. */
#define EB_CALIB_MAX_TICKS_PER_ITER	50

/*
 * NULL if the KVM device is hardware virtualisation this process can open,
 * else why not: no device node, kvm_pvm, no vmx/svm, no permission.  root
 * as for eb_accel_choose; buf may hold the answer.
 */
const char *eb_accel_kvm_problem(const char *root, char *buf, size_t size);

/*
 * request is auto, kvm or tcg.  root prefixes /proc, /sys and /dev ("" on
 * a real host; a directory in tests).  The kvm tier also needs RDTSCP
 * (-cpu host hands the host's to the guest).  Returns the tier, or NULL
 * with why saying what is wrong and what to do instead.  On success why
 * says how the choice was made.
 */
const struct eb_tier *eb_accel_choose(const char *request, const char *root,
				      char *why, size_t size);

/* The second guard, on the guest's calib record: false rejects the trial. */
bool eb_accel_calib_ok(const struct eb_tier *tier, uint64_t iters,
		       uint64_t ticks, char *why, size_t size);

#endif
