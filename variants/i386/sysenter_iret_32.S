/*
 * sysenter-iret-32: the SYSENTER entry of sysenter-32 with the exit Linux's
 * entry_SYSENTER_32 falls back to when do_fast_syscall_32() refuses SYSEXIT
 * (TF or RF set, CS/SS/EIP changed, e.g. by ptrace or a signal): the full
 * IRET exit.  Here it is taken every time, to measure it; the verdict is
 * not consulted.
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
	SYSENTER_SAVE_ALL

	pushl	%esp			/* regs */
	call	do_fast_syscall_32	/* sets pt_regs->ip to the landing pad */
	addl	$4, %esp
	jmp	restore_all
