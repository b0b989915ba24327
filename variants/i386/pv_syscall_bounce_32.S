/*
 * pv-syscall-bounce-32: a 32-bit Xen PV system call without the fast trap.
 * INT 0x80 enters the ring-0 hypervisor (hypervisor_int80, pv_hv.S), which
 * copies the hardware frame onto the PV kernel's stack (a bounce frame) and
 * IRETs to this handler in ring 1.  The body is int80-32's; the way out is
 * the iret hypercall, which the PV kernel jumps to with the IRET frame on
 * top of its stack, so that the hypervisor can restore the virtual
 * interrupt mask together with the return ([vmi-hooks]).
 */
#include <arch/calling.h>
#include <arch/pv.h>
#include "inject.h"

	.text
	.globl	pv_int80_bounced
pv_int80_bounced:			/* ring 1, on the bounce frame: eip, cs, eflags, esp, ss */
	INJECTED_COST
	pushl	%eax			/* pt_regs->orig_ax */
	SAVE_ALL pt_regs_ax=$-ENOSYS

	pushl	%esp			/* regs */
	call	do_int80_syscall_32
	addl	$4, %esp
	RESTORE_REGS			/* %esp is at the bounce frame */
	jmp	HYPERCALL(HC_iret)	/* pushes %eax: struct iret_context */
