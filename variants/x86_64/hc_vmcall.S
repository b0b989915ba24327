/*
 * hc-vmcall: KVM's hypercall instruction, VMCALL on Intel and VMMCALL on
 * AMD, chosen at boot by rewriting the instruction in place, as Linux's
 * ALTERNATIVE in kvm_hypercall0() (arch/x86/include/asm/kvm_para.h) does.
 * The number is one KVM does not know, so kvm_emulate_hypercall() answers
 * -KVM_ENOSYS without leaving the kernel: the bare VM exit round trip.
 */
#include <arch/hypercall_hw.h>
#include "inject.h"

	.text
	.globl	kvm_hypercall_unknown, hc_vmcall_insn
kvm_hypercall_unknown:		/* ring 0: KVM refuses hypercalls from ring 3 */
	INJECTED_COST
	movl	$KVM_HC_UNKNOWN, %eax
hc_vmcall_insn:
	vmcall				/* 0f 01 c1; 0f 01 d9 (VMMCALL) on AMD, hc_vmcall.c */
	ret
