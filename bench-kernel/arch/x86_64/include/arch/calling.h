/*
 * Assembly macros that build and tear down struct pt_regs (ptregs.h), in the
 * manner of Linux's arch/x86/entry/calling.h.  Build order matters: the
 * hardware (or SYSCALL imitation) frame and orig_ax must already be on the
 * stack, so that the pushes below land exactly on the pt_regs slots.
 */
#ifndef ARCH_CALLING_H
#define ARCH_CALLING_H

#include <arch/ptregs.h>

.macro PUSH_REGS rax=%rax save_rdi=1
	.if \save_rdi
	pushq	%rdi		/* pt_regs->di */
	.endif
	pushq	%rsi		/* pt_regs->si */
	pushq	%rdx		/* pt_regs->dx */
	pushq	%rcx		/* pt_regs->cx */
	pushq	\rax		/* pt_regs->ax */
	pushq	%r8		/* pt_regs->r8 */
	pushq	%r9		/* pt_regs->r9 */
	pushq	%r10		/* pt_regs->r10 */
	pushq	%r11		/* pt_regs->r11 */
	pushq	%rbx		/* pt_regs->bx */
	pushq	%rbp		/* pt_regs->bp */
	pushq	%r12		/* pt_regs->r12 */
	pushq	%r13		/* pt_regs->r13 */
	pushq	%r14		/* pt_regs->r14 */
	pushq	%r15		/* pt_regs->r15 */
.endm

/*
 * Like Linux, clear what C does not need, so user values cannot steer
 * speculation in the kernel.  %rax (syscall nr) and %rdi (set next) survive.
 */
.macro CLEAR_REGS
	xorl	%esi, %esi
	xorl	%edx, %edx
	xorl	%ecx, %ecx
	xorl	%r8d, %r8d
	xorl	%r9d, %r9d
	xorl	%r10d, %r10d
	xorl	%r11d, %r11d
	xorl	%ebx, %ebx
	xorl	%ebp, %ebp
	xorl	%r12d, %r12d
	xorl	%r13d, %r13d
	xorl	%r14d, %r14d
	xorl	%r15d, %r15d
.endm

.macro PUSH_AND_CLEAR_REGS rax=%rax
	PUSH_REGS rax=\rax
	CLEAR_REGS
.endm

/* Leaves %rsp at pt_regs->orig_ax. */
.macro POP_REGS
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rax
	popq	%rcx
	popq	%rdx
	popq	%rsi
	popq	%rdi
.endm

#endif
