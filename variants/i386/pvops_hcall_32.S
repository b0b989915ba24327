/*
 * pvops-hcall-32: the hook points as calls into the code the hypervisor
 * published at a fixed address ([vmi-hooks]: VMI's ROM; here the
 * hypercall page, pv.c), made by a PV kernel in ring 1 that the fast trap
 * entered.  STI and CLI are hypercalls that set the virtual interrupt mask;
 * IRET is the iret hypercall, which changes that mask and the stack in one
 * step, the atomicity a deprivileged IRET lacks.  The stubs clobber %eax;
 * the number and the result are in pt_regs by then.
 */
#include <arch/calling.h>
#include <arch/pv.h>
#include "inject.h"

	.text
	.globl	pvops_int80_hcall
pvops_int80_hcall:			/* ring 1, fast trap */
	INJECTED_COST
	pushl	%eax			/* pt_regs->orig_ax */
	SAVE_ALL pt_regs_ax=$-ENOSYS
	call	HYPERCALL(HC_irq_enable)

	pushl	%esp			/* regs */
	call	do_int80_syscall_32
	addl	$4, %esp
	call	HYPERCALL(HC_irq_disable)
	RESTORE_REGS
	jmp	HYPERCALL(HC_iret)	/* pushes %eax: struct iret_context */
