/*
 * pv-int80-direct-32: 32-bit Xen PV's fast system call path.  The PV kernel
 * registered int 0x80 as a "direct trap" (set_trap_table), so the hypervisor
 * put a DPL-3 trap gate into the IDT whose selector is the ring-1 kernel
 * code segment: the CPU goes from ring 3 straight to ring 1, on the stack
 * in tss.ss1:sp1, and the hypervisor never runs.  The body is int80-32's
 * (Linux entry_INT80_32), and ring 1 may IRET to ring 3 itself.  Against
 * int80-32 the difference is the ring alone (the check learns the ring from
 * a breakpoint on the first instruction, pv_watch_cs(), not from a store).
 */
#include <arch/calling.h>
#include <arch/pv.h>
#include "inject.h"

	.text
	.globl	pv_int80_direct
pv_int80_direct:			/* ring 1: the CPU pushed ss, esp, eflags, cs, eip */
	INJECTED_COST
	pushl	%eax			/* pt_regs->orig_ax */
	SAVE_ALL pt_regs_ax=$-ENOSYS

	pushl	%esp			/* regs */
	call	do_int80_syscall_32
	addl	$4, %esp
	jmp	restore_all		/* IRET, ring 1 -> ring 3 */
