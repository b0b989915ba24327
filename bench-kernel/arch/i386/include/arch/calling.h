/*
 * Assembly macros that build and tear down struct pt_regs (ptregs.h), in the
 * manner of SAVE_ALL and RESTORE_REGS in Linux's arch/x86/entry/entry_32.S.
 * Build order matters: the hardware (or SYSENTER imitation) frame and
 * orig_ax must already be on the stack, so that the pushes below land
 * exactly on the pt_regs slots.
 */
#ifndef ARCH_CALLING_H
#define ARCH_CALLING_H

#include <processor-flags.h>
#include <arch/ptregs.h>
#include <arch/segment.h>

/*
 * skip_gs=1: the caller has already put something in pt_regs->gs (the trap
 * stubs park the vector there, as Linux's handle_exception parks a handler).
 */
.macro SAVE_ALL pt_regs_ax=%eax skip_gs=0
	cld				/* the C ABI wants DF clear; the user's is saved */
	.if !\skip_gs
	pushl	%gs			/* pt_regs->gs */
	.endif
	pushl	%fs			/* pt_regs->fs */
	pushl	%es			/* pt_regs->es */
	pushl	%ds			/* pt_regs->ds */
	pushl	\pt_regs_ax		/* pt_regs->ax */
	pushl	%ebp			/* pt_regs->bp */
	pushl	%edi			/* pt_regs->di */
	pushl	%esi			/* pt_regs->si */
	pushl	%edx			/* pt_regs->dx */
	pushl	%ecx			/* pt_regs->cx */
	pushl	%ebx			/* pt_regs->bx */
	/* user mode may have loaded anything into %ds/%es: the kernel's values */
	movl	$__USER_DS, %edx
	movl	%edx, %ds
	movl	%edx, %es
	/* %fs and %gs: this kernel has no per-CPU or stack-protector segment */
.endm

/* Leaves %esp at the hardware frame (pt_regs->ip) plus \pop bytes. */
.macro RESTORE_REGS pop=0
	popl	%ebx
	popl	%ecx
	popl	%edx
	popl	%esi
	popl	%edi
	popl	%ebp
	popl	%eax
	popl	%ds
	popl	%es
	popl	%fs
	popl	%gs
	addl	$(PT_EIP - PT_ORIG_EAX + \pop), %esp	/* orig_ax */
.endm

/*
 * The frame SYSENTER does not push, after the switch to the task stack:
 * what INT 0x80 from ring 3 would have pushed, with the vDSO's conventions
 * (ptregs.h order).  SYSENTER lost the user's EIP, so ->ip is filled in by
 * do_fast_syscall_32(); the vDSO left the user's ESP in %ebp.
 *
 * SYSENTER cleared IF before the PUSHFL, so ->flags has IF = 0 whatever
 * ring 3 had: an exit that restores ->flags (IRET, POPFL) would hand ring 3
 * its interrupts off.  Linux "fixes IF" on the saved copy, assuming a user
 * always runs with IF set (entry_32.S and entry_64_compat.S: `orl
 * $X86_EFLAGS_IF, (%esp)` right after the PUSHFL; today the same OR in C,
 * common.c do_SYSENTER_32()).  On the copy, not with STI: interrupts stay
 * off on the entry path, and each exit decides when IF really comes back.
 * fix_if=0 leaves the fix out: the planted fault the check must catch.
 */
.macro SYSENTER_SAVE_ALL fix_if=1
	pushl	$__USER_DS		/* pt_regs->ss */
	pushl	%ebp			/* pt_regs->sp (stashed in bp) */
	pushfl				/* pt_regs->flags (except IF = 0) */
	.if \fix_if
	orl	$X86_EFLAGS_IF, (%esp)	/* Fix IF: the user had it set */
	.endif
	pushl	$__USER_CS		/* pt_regs->cs */
	pushl	$0			/* pt_regs->ip = 0 (placeholder) */
	pushl	%eax			/* pt_regs->orig_ax */
	SAVE_ALL pt_regs_ax=$-ENOSYS

	/*
	 * SYSENTER filters no flags: NT, AC and TF came in from ring 3 and
	 * must not stay set in the kernel.  Testing is cheaper than an
	 * unconditional POPFL, and they are rarely set.
	 */
	testl	$(X86_EFLAGS_NT | X86_EFLAGS_AC | X86_EFLAGS_TF), PT_EFLAGS(%esp)
	jz	.Lsysenter_flags_fixed\@
	pushl	$X86_EFLAGS_FIXED
	popfl
.Lsysenter_flags_fixed\@:
.endm

/*
 * The SYSEXIT half of RESTORE_REGS: SYSEXIT takes EIP from %edx and ESP
 * from %ecx, so those two slots are loaded from ->ip and ->sp instead of
 * ->dx and ->cx (the vDSO restores the user's %ecx and %edx itself).
 * %ds/%es still hold __USER_DS and the kernel never touched %fs/%gs, so
 * those slots are skipped.  Leaves %esp at pt_regs->flags.
 */
.macro SYSEXIT_RESTORE_REGS
	movl	PT_EIP(%esp), %edx	/* SYSEXIT: EIP <- EDX */
	movl	PT_OLDESP(%esp), %ecx	/* SYSEXIT: ESP <- ECX */
	popl	%ebx			/* pt_regs->bx */
	addl	$(PT_ESI - PT_ECX), %esp	/* skip pt_regs->cx and pt_regs->dx */
	popl	%esi			/* pt_regs->si */
	popl	%edi			/* pt_regs->di */
	popl	%ebp			/* pt_regs->bp */
	popl	%eax			/* pt_regs->ax */
	addl	$(PT_EFLAGS - PT_DS), %esp
.endm

#endif
