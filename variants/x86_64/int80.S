/*
 * int80: the software interrupt through a DPL-3 interrupt gate.  The CPU
 * switches to tss.sp0 and pushes SS, RSP, RFLAGS, CS and RIP itself; the
 * smallest body answers getppid() and IRETQ pops that frame.
 */
#include <arch/unistd.h>
/* INJECTED_COST runs with the CPU's IRET frame at (%rsp). */
#define EB_ENTRY_IRET_FRAME
#include "inject.h"

	.text
	.globl	entry_INT80_minimal
entry_INT80_minimal:
	INJECTED_COST
	movl	$GETPPID_ANSWER, %eax
	iretq
