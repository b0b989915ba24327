/*
 * sysenter-32: Linux's entry_SYSENTER_32 (arch/x86/entry/entry_32.S) with
 * its opportunistic SYSEXIT, minus the STI: SYSENTER_ESP leads to the task
 * stack through the TSS, the entry imitates the INT 0x80 frame and builds
 * pt_regs, do_fast_syscall_32() dispatches, and SYSEXIT returns to the vDSO's
 * landing pad when it may, IRET otherwise.
 *
 * The saved flags carry IF = 1 (SYSENTER_SAVE_ALL fixes it as Linux does),
 * and POPFL hands them back whole, IF included: ring 3 gets its interrupts
 * back, but one instruction early.  An interrupt pending here strikes
 * between POPFL and SYSEXIT, in ring 0 after the exit work was checked,
 * and its own return would not look for work it raised -- the race Linux's
 * `btrl $X86_EFLAGS_IF_BIT; popfl; sti; sysexit` closes (sysenter-sti-32).
 * This variant is that exit without the STI, to show what the STI costs;
 * nothing here sends interrupts, so the window is never hit in a run.
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
	popfl				/* pt_regs->flags: IF = 1 from here on, not at SYSEXIT */
	sysexit
