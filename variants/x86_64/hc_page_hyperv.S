/*
 * hc-page-hyperv: a hypercall through the page KVM writes when the guest
 * enables Hyper-V's hypercall MSR (hc_page_hyperv.c): the hypervisor, not
 * the guest, picks the instruction, as with Xen's page.  Call code 0 is
 * reserved, so KVM's kvm_hv_hypercall() answers
 * HV_STATUS_INVALID_HYPERCALL_CODE in the kernel.  Hyper-V's x64 ABI:
 * input value in %rcx, input and output GPAs in %rdx and %r8, status in %rax.
 */
#include "inject.h"

	.text
	.globl	hyperv_hypercall_reserved
hyperv_hypercall_reserved:	/* ring 0: Hyper-V hypercalls fail from ring 3 */
	INJECTED_COST
	/* mov, not xor: RFLAGS must come back unchanged */
	movl	$0, %ecx		/* call code 0, slow, no repetitions */
	movl	$0, %edx		/* no input page */
	movl	$0, %r8d		/* no output page */
	call	hv_hypercall_page
	ret
