/*
 * pvops-native-32: the hook points of [vmi-hooks] (VMI: CLI, STI
 * and IRET in entry.S become macros) expanded to the instructions
 * themselves, as mach-default/mach_asm.h did: int80-32 plus the STI that
 * lets the system call body run with interrupts on and the CLI that closes
 * the window between the last work check and the IRET.  The baseline for
 * pvops-indirect-32 and pvops-hcall-32.
 */
#include <arch/calling.h>
#include <arch/pv.h>
#include "inject.h"

	.text
	.globl	pvops_int80_native
pvops_int80_native:			/* ring 0, interrupt gate: IF = 0 */
	INJECTED_COST
	pushl	%eax			/* pt_regs->orig_ax */
	SAVE_ALL pt_regs_ax=$-ENOSYS
	sti				/* STI hook */

	pushl	%esp			/* regs */
	call	do_int80_syscall_32
	addl	$4, %esp
	cli				/* CLI hook: no work may be flagged after this */
	RESTORE_REGS
	iret				/* IRET hook */
