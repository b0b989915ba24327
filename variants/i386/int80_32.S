/*
 * int80-32: the i386 system call gate as Linux's entry_INT80_32
 * (arch/x86/entry/entry_32.S): the CPU switches to tss.ss0:sp0 and pushes
 * SS, ESP, EFLAGS, CS and EIP; the entry adds orig_ax and SAVE_ALL's
 * registers to make struct pt_regs, dispatches in C, and IRETs through the
 * common exit.
 */
#include <arch/calling.h>
#include "inject.h"

	.text
	.globl	entry_INT80_32
entry_INT80_32:
	INJECTED_COST
	pushl	%eax			/* pt_regs->orig_ax */
	SAVE_ALL pt_regs_ax=$-ENOSYS

	pushl	%esp			/* regs */
	call	do_int80_syscall_32
	addl	$4, %esp
	jmp	restore_all
