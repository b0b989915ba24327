/*
 * int3-ptregs: #BP from user mode into a full-frame entry, as Linux's
 * asm_exc_int3 -> exc_int3() (arch/x86/kernel/traps.c): SWAPGS, pt_regs
 * with orig_ax = -1, the C handler in traps.c, the IRET exit of entry.S.
 */
#include <arch/idtentry.h>
/* INJECTED_COST runs with the CPU's IRET frame at (%rsp). */
#define EB_ENTRY_IRET_FRAME
#include "inject.h"

	.text
	.globl	asm_exc_int3
asm_exc_int3:
	INJECTED_COST
	idtentry_body exc_int3 has_error_code=0
