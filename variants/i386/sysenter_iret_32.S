/*
 * sysenter-iret-32: the SYSENTER entry of sysenter-32 with the exit Linux's
 * entry_SYSENTER_32 falls back to when do_fast_syscall_32() refuses SYSEXIT
 * (TF or RF set, CS/SS/EIP changed, e.g. by ptrace or a signal): the full
 * IRET exit.  Here it is taken every time, to measure it; the verdict is
 * not consulted.  IRET restores ->flags, IF included: the entry's fix of
 * the saved IF is all that gives ring 3 its interrupts back.
 *
 * Planted fault no-if-fix (EB_INJECT=sysenter-iret-32:no-if-fix): the
 * entry without that fix, so IRET returns to ring 3 with IF = 0, as every
 * SYSENTER exit did before Linux fixed the saved flags: the checked trip
 * (IF set in its canary) must fail on eflags.
 */
#include <arch/calling.h>
#include <arch/desc.h>
#include "inject.h"

	.text
	.globl	entry_SYSENTER_32_iret
entry_SYSENTER_32_iret:
	INJECTED_COST
	/* Interrupts are off; the stack is the entry stack below the TSS */
	movl	TSS_sp0(%esp), %esp
#ifdef EB_INJECT_FAULT_NO_IF_FIX
	SYSENTER_SAVE_ALL fix_if=0
#else
	SYSENTER_SAVE_ALL
#endif

	pushl	%esp			/* regs */
	call	do_fast_syscall_32	/* sets pt_regs->ip to the landing pad */
	addl	$4, %esp
	jmp	restore_all
