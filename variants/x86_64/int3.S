/*
 * int3: the #BP round trip at its floor.  INT3 from user mode through a
 * DPL-3 interrupt gate: the CPU switches to tss.sp0 and pushes the frame;
 * the handler answers with the vector, and IRETQ returns past the INT3 (a
 * trap: the saved RIP already points after it).  No SWAPGS: nothing here
 * touches per-CPU data.
 */
#include <arch/traps.h>
#include "inject.h"

	.text
	.globl	asm_exc_int3_minimal
asm_exc_int3_minimal:
	INJECTED_COST
	movl	$X86_TRAP_BP, %eax
	iretq
