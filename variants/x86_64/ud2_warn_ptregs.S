/*
 * ud2-warn-ptregs: #UD from user mode into a full-frame entry, as Linux's
 * asm_exc_invalid_op -> exc_invalid_op() -> handle_bug(): SWAPGS, pt_regs
 * with orig_ax = -1, a C handler (traps.c) that checks for UD2 and steps
 * over it, the IRET exit of entry.S.  handle_bug() is for the kernel's own
 * WARN(); Linux gives a user's UD2 SIGILL (ud2_warn.S).
 */
#include <arch/idtentry.h>
/* INJECTED_COST runs with the CPU's IRET frame at (%rsp). */
#define EB_ENTRY_IRET_FRAME
#include "inject.h"

	.text
	.globl	asm_exc_invalid_op
asm_exc_invalid_op:
	INJECTED_COST
	idtentry_body exc_invalid_op has_error_code=0
