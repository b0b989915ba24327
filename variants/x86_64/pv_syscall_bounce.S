/*
 * pv-syscall-bounce: a system call of a 64-bit Xen PV guest.  The user's
 * SYSCALL goes to the ring-0 hypervisor (hypervisor_syscall, pv_hv.S),
 * which switches to guest kernel mode, pushes a bounce frame onto the PV
 * kernel's stack and SYSRETs to this callback, still in ring 3.  The body
 * is syscall-sysret's floor, so that the difference is the PV round trip;
 * the return is the iret hypercall with VGCF_in_syscall, as Linux's
 * xen_sysret64 builds it, and the hypervisor SYSRETs to the user.
 */
#include <arch/pv.h>
#include <arch/unistd.h>
#include "inject.h"

	.section .utext, "ax"
	.globl	pv_kernel_syscall
pv_kernel_syscall:			/* ring 3, guest kernel mode, %rsp at the bounce frame */
	INJECTED_COST
	movl	$GETPPID_ANSWER, %eax
	/*
	 * The bounce frame minus its RCX and R11 is the IRET frame the iret
	 * hypercall wants, and VGCF_in_syscall lets RCX and R11 go.
	 */
	addq	$(BOUNCE_rip - BOUNCE_rcx), %rsp
	pushq	$VGCF_in_syscall	/* IRET_flags */
	jmp	HYPERCALL(HC_iret)	/* pushes rcx, r11, rax: struct iret_context */
