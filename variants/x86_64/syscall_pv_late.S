/*
 * syscall-pv-late: a paravirtual SYSCALL entry that joins the native one
 * late, as Andy Lutomirski proposed for Xen PV ([xen-pv-nmi],
 * "xen: get rid of paravirt op adjust_exception_frame", "<-- Xen enters
 * here").  The hypervisor does the guest's SWAPGS, switches to the kernel
 * stack the guest registered with it, builds the five-word hardware frame
 * and enters the guest at entry_SYSCALL_64_after_hwframe, inside the native
 * entry of syscall_ptregs.S.  From there on the path is the native one, so
 * the cost difference from syscall-ptregs is the hypervisor stub's.
 *
 * Modelled in-guest: LSTAR points at pv_hypervisor_syscall, which plays the
 * hypervisor in ring 0 of this same kernel and keeps its own copy of the
 * guest's kernel stack pointer and of the user RSP, as Xen keeps them in its
 * vCPU state rather than in the guest's per-CPU area.
 *
 * Not modelled (issue "PV variants"): privilege separation (a 64-bit PV
 * guest kernel runs in ring 3 on its own page tables); Xen's own entry on
 * its own stack and the copy of the frame to the guest stack
 * (create_bounce_frame); the guest kernel/user mode toggle; and the exit,
 * which for a PV guest is a HYPERVISOR_iret hypercall, not SYSRETQ.
 */
#include <arch/segment.h>
#include "inject.h"

	.text
	.globl	pv_hypervisor_syscall
pv_hypervisor_syscall:
	INJECTED_COST
	swapgs					/* the guest kernel's GS base, on its behalf */
	movq	%rsp, pv_guest_user_sp(%rip)
	movq	pv_guest_kernel_sp(%rip), %rsp
	.globl	pv_hypervisor_syscall_safe_stack	/* the NMI torture's SYSCALL gap ends here */
pv_hypervisor_syscall_safe_stack:

	pushq	$__USER_DS			/* pt_regs->ss */
	pushq	pv_guest_user_sp(%rip)		/* pt_regs->sp */
	pushq	%r11				/* pt_regs->flags */
	pushq	$__USER_CS			/* pt_regs->cs */
	pushq	%rcx				/* pt_regs->ip */
	jmp	entry_SYSCALL_64_after_hwframe
