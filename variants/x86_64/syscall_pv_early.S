/*
 * syscall-pv-early: the 64-bit Xen PV SYSCALL path that Linux has, the one
 * [xen-pv-nmi] (Andy Lutomirski, "xen: get rid of paravirt op
 * adjust_exception_frame") asks about:
 *
 *	ENTRY(xen_syscall_target)
 *	undo_xen_syscall
 *	<-- NMI right here
 *	jmp entry_SYSCALL_64_after_swapgs
 *
 * The hypervisor does the guest's SWAPGS, switches to the guest kernel's
 * stack and delivers the system call there as a bounce frame (RCX, R11,
 * then RIP, CS, RFLAGS, RSP, SS: pv.h's BOUNCE_*); xen_syscall_target
 * undoes it (RCX, R11 and RSP back to the user's) and enters the native
 * entry right after its SWAPGS, which saves the user RSP and switches to
 * the kernel stack once more.  Between the undo and that switch the
 * kernel runs on the user's RSP: an NMI without its own stack lands there.
 * syscall-pv-late is the alternative the thread proposes (enter after the
 * frame pushes, no undo).
 *
 * Modelled in-guest as syscall-pv-late is: LSTAR points at the stub, which
 * plays the hypervisor in ring 0 of this kernel (no privilege separation).
 */
#include <arch/pv.h>
#include <arch/segment.h>
#include "inject.h"

	.text
	.globl	pv_hypervisor_syscall_early
pv_hypervisor_syscall_early:
	INJECTED_COST
	swapgs					/* the guest kernel's GS base, on its behalf */
	movq	%rsp, pv_guest_user_sp(%rip)
	movq	pv_guest_kernel_sp(%rip), %rsp

	pushq	$__USER_DS			/* BOUNCE_ss */
	pushq	pv_guest_user_sp(%rip)		/* BOUNCE_rsp */
	pushq	%r11				/* BOUNCE_rflags */
	pushq	$__USER_CS			/* BOUNCE_cs */
	pushq	%rcx				/* BOUNCE_rip */
	pushq	%r11				/* BOUNCE_r11 */
	pushq	%rcx				/* BOUNCE_rcx */
	jmp	xen_syscall_target

/* Linux's arch/x86/xen/xen-asm.S (4.13) */
	.globl	xen_syscall_target
xen_syscall_target:
	/* undo_xen_syscall */
	movq	BOUNCE_rcx(%rsp), %rcx
	movq	BOUNCE_r11(%rsp), %r11
	movq	BOUNCE_rsp(%rsp), %rsp
	/* <-- NMI right here ([xen-pv-nmi]) */
	jmp	entry_SYSCALL_64_after_swapgs
