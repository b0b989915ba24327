/*
 * syscall-iret: the SYSCALL entry of syscall-ptregs with the exit Linux's
 * entry_SYSCALL_64 takes when do_syscall_64() finds SYSRET unsafe (registers
 * changed by ptrace or sigreturn, TF or RF set, a return address SYSRET
 * cannot take, Xen PV): swapgs_restore_regs_and_return_to_usermode, that
 * is POP_REGS, SWAPGS and IRETQ.
 *
 * The head is entry_SYSCALL_64_ptregs' instruction for instruction, and
 * do_syscall_64() still makes all its checks; only its verdict is not
 * followed, so the difference from syscall-ptregs is the exit alone.
 */
#include <processor-flags.h>
#include <arch/calling.h>
#include <arch/percpu.h>
#include <arch/segment.h>
#include "inject.h"

	.text
	.globl	entry_SYSCALL_64_iret
entry_SYSCALL_64_iret:
	INJECTED_COST
	/* Interrupts are off and RSP is the user's: no stack use before the switch */
	swapgs
	movq	%rsp, %gs:PCPU_rsp_scratch
	movq	%gs:PCPU_top_of_stack, %rsp

	pushq	$__USER_DS			/* pt_regs->ss */
	pushq	%gs:PCPU_rsp_scratch		/* pt_regs->sp */
	pushq	%r11				/* pt_regs->flags */
	pushq	$__USER_CS			/* pt_regs->cs */
	pushq	%rcx				/* pt_regs->ip */
	pushq	%rax				/* pt_regs->orig_ax */
	PUSH_AND_CLEAR_REGS rax=$-ENOSYS

	movq	%rsp, %rdi
	movslq	%eax, %rsi			/* syscall numbers are ints */
	call	do_syscall_64
	jmp	swapgs_restore_regs_and_return_to_usermode	/* whatever it said */

/*
 * The check's witness, not part of the path: the #DB that syscall_iret.c's
 * breakpoint on native_irq_return_iret raises during the checked trip.  It
 * counts, disarms the breakpoint (so the timed trips run unwatched) and
 * resumes the IRETQ.  Nothing here touches %gs, which is the user's by then.
 */
	.globl	iret_watch
iret_watch:
	incq	iret_watch_hits(%rip)
	pushq	%rax
	xorl	%eax, %eax
	movq	%rax, %dr7
	popq	%rax
	iretq
