/*
 * sysenter-32: Linux's entry_SYSENTER_32 (arch/x86/entry/entry_32.S) with
 * its opportunistic SYSEXIT, minus the STI: SYSENTER_ESP leads to the task
 * stack through the TSS, the entry imitates the INT 0x80 frame and builds
 * pt_regs, do_fast_syscall_32() dispatches, and SYSEXIT returns to the vDSO's
 * landing pad when it may, IRET otherwise.
 *
 * POPFL hands back the saved flags, and with them IF = 0 (SYSENTER cleared
 * it before the PUSHFL): right for this harness, whose ring 3 runs with
 * interrupts off, not for a user with IF = 1 -- Linux's `sti; sysexit` is
 * sysenter-sti-32.
 */
#include <arch/calling.h>
#include <arch/desc.h>
#include "inject.h"

	.text
	.globl	entry_SYSENTER_32
entry_SYSENTER_32:
	INJECTED_COST
	/* Interrupts are off; the stack is the entry stack below the TSS */
	movl	TSS_sp0(%esp), %esp
	SYSENTER_SAVE_ALL

	pushl	%esp			/* regs */
	call	do_fast_syscall_32
	addl	$4, %esp
	testb	%al, %al
	jz	restore_all

	SYSEXIT_RESTORE_REGS
	popfl				/* pt_regs->flags */
	sysexit
