/*
 * The hardware hypercall variants (hc-*, io-exit): what they need to know
 * about the hypervisor underneath, from its CPUID leaves (hc_detect.c).
 * Only real VM exits are worth timing: under TCG, VMCALL and VMMCALL raise
 * #UD and an OUT is emulated inline, one instruction to the icount clock.
 */
#ifndef ARCH_HYPERCALL_HW_H
#define ARCH_HYPERCALL_HW_H

/* A number kvm_emulate_hypercall() does not know: it answers -KVM_ENOSYS in the kernel. */
#define KVM_HC_UNKNOWN		0xeb00
#define KVM_ENOSYS		1000

#ifndef __ASSEMBLER__
#include "types.h"

/* NULL under KVM, else why a VM exit cannot be measured here. */
const char *kvm_unsupported(void);
/* NULL if KVM offers Hyper-V's hypercall page (CPUID 0x40000001 = "Hv#1"). */
const char *hyperv_unsupported(void);
#endif

#endif
