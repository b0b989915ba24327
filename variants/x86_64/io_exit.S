/*
 * io-exit: an OUT to a port no device decodes.  KVM has no in-kernel
 * handler for it, so it exits to the VMM in user space (KVM_EXIT_IO), where
 * QEMU's unassigned-I/O handler drops the byte: the round trip to user
 * space, the costliest ordinary exit.  Under TCG the OUT is emulated inline
 * and icount sees one instruction, so the variant is skipped there.
 */
#include "inject.h"

#define IO_EXIT_PORT	0x1ee0		/* nothing on -M pc or microvm decodes it */

	.text
	.globl	out_unassigned_port
out_unassigned_port:		/* ring 0: the TSS has no I/O bitmap */
	INJECTED_COST
	movl	$0, %eax		/* not xorl: RFLAGS must come back unchanged */
	movl	$IO_EXIT_PORT, %edx
	outb	%al, %dx
	ret
