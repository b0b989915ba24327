/*
 * int80-ptregs: INT $0x80 from 64-bit user mode into a full-frame entry, as
 * Linux's entry_INT80_compat (arch/x86/entry/entry_64_compat.S).  The CPU
 * has switched to tss.sp0 and pushed the five-word frame; the entry swaps
 * GS in, saves the number as orig_ax, completes pt_regs, dispatches through
 * the ia32 table in C (do_int80_syscall_32() takes the low 32 bits of
 * orig_ax) and leaves through the IRET exit.
 */
#include <processor-flags.h>
#include <arch/calling.h>
/* INJECTED_COST runs with the CPU's IRET frame at (%rsp). */
#define EB_ENTRY_IRET_FRAME
#include "inject.h"

	.text
	.globl	entry_INT80_compat
entry_INT80_compat:
	INJECTED_COST
	swapgs
	pushq	%rax				/* pt_regs->orig_ax */
	PUSH_AND_CLEAR_REGS rax=$-ENOSYS

	movq	%rsp, %rdi
	call	do_int80_syscall_32
	jmp	swapgs_restore_regs_and_return_to_usermode
