/*
 * hc-wrong-vendor: the other vendor's hypercall instruction (VMMCALL on
 * Intel, VMCALL on AMD), which the CPU does not know: #UD, which KVM
 * intercepts, emulates, and under KVM_X86_QUIRK_FIX_HYPERCALL_INSN (on by
 * default) fixes by rewriting the guest's instruction to the right one and
 * letting it run again.  To time that whole path every trip, the trip puts
 * the wrong byte back first: a store into code, which costs a
 * self-modifying-code pipeline flush on hardware.  With the quirk off KVM
 * injects the #UD and the run ends with a panic record.
 */
#include <arch/hypercall_hw.h>
#include "inject.h"

	.text
	.globl	kvm_hypercall_wrong_vendor, hc_wrong_insn, hc_wrong_modrm
kvm_hypercall_wrong_vendor:	/* ring 0 */
	INJECTED_COST
	movb	hc_wrong_modrm(%rip), %al
	movb	%al, hc_wrong_insn+2(%rip)	/* undo KVM's fix of the last trip */
	movl	$KVM_HC_UNKNOWN, %eax
hc_wrong_insn:
	vmmcall				/* 0f 01 d9; 0f 01 c1 (VMCALL) on AMD, hc_wrong_vendor.c */
	ret

	.data
hc_wrong_modrm:
	.byte	0xd9
