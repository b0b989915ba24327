/*
 * ud2-warn: the #UD round trip at its floor.  UD2 from user mode faults through
 * vector 6 (the saved RIP is the UD2 itself); the handler steps over the
 * two bytes, as Linux's handle_bug() does for WARN(), answers with the
 * vector and returns with IRETQ.  It takes any #UD for the trip's: checking
 * the instruction is ud2-warn-ptregs' business.  No SWAPGS: no per-CPU
 * data.  Not what Linux does with a user #UD: handle_bug() is for the
 * kernel's own WARN(); a user's UD2 gets SIGILL.  Hence the name.
 */
#include <arch/traps.h>
#include "inject.h"

	.text
	.globl	asm_exc_invalid_op_minimal
asm_exc_invalid_op_minimal:
	INJECTED_COST
	addq	$LEN_UD2, (%rsp)		/* the IRET frame's RIP */
	movl	$X86_TRAP_UD, %eax
	iretq
