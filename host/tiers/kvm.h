/* SPDX-License-Identifier: MIT */
/*
 * The host's KVM device, which the kvm tier and the native tier's KVM_RUN
 * benchmark need to be hardware virtualisation.
 */
#ifndef EB_TIERS_KVM_H
#define EB_TIERS_KVM_H

#include <stddef.h>

/*
 * The KVM device entrybench checks (and the native tier opens): /dev/kvm,
 * or $EB_KVM_DEV, which tests point elsewhere to act out a host without
 * one.  QEMU opens /dev/kvm itself whatever this says.
 */
#define EB_KVM_DEV_DEFAULT	"/dev/kvm"
#define EB_KVM_DEV_ENV		"EB_KVM_DEV"
const char *eb_kvm_dev(void);

/*
 * NULL if the KVM device is hardware virtualisation this process can open,
 * else why not: no device node, kvm_pvm, no vmx/svm, no permission.  root
 * prefixes /proc, /sys and /dev ("" on a real host, a directory in tests);
 * buf may hold the answer.
 */
const char *eb_kvm_device_problem(const char *root, char *buf, size_t size);

#endif
