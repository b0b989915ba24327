/*
 * pvops-indirect-32: pvops-native-32 with each hook point an indirect call
 * (for IRET a jump) through the pv_ops table (pv_ops.h), holding the native
 * backends: a paravirtualised kernel on bare hardware, with the call sites
 * left unpatched.  The backends preserve every register, so the call sites
 * save nothing, as with Linux's PV_CALLEE_SAVE irq ops.
 */
#include <arch/calling.h>
#include <arch/pv.h>
#include <arch/pv_ops.h>
#include "inject.h"

	.text
	.globl	pvops_int80_indirect
pvops_int80_indirect:			/* ring 0, interrupt gate: IF = 0 */
	INJECTED_COST
	pushl	%eax			/* pt_regs->orig_ax */
	SAVE_ALL pt_regs_ax=$-ENOSYS
	call	*pv_ops+PV_OPS_irq_enable

	pushl	%esp			/* regs */
	call	do_int80_syscall_32
	addl	$4, %esp
	call	*pv_ops+PV_OPS_irq_disable
	RESTORE_REGS
	jmp	*pv_ops+PV_OPS_iret	/* %esp at the IRET frame */
