/*
 * pf-extable-ptregs: #PF from user mode into a full-frame entry, as Linux's
 * asm_exc_page_fault -> exc_page_fault(): the CPU's error code stays in the
 * orig_ax slot and goes to C as the second argument; SWAPGS, pt_regs, the
 * C handler (traps.c) reads CR2 and applies the exception-table fixup, the
 * IRET exit of entry.S.  Same trip and fault as pf-extable, and the same
 * departure from Linux: the fixup is for kernel-mode faults, where Linux
 * would resolve a user fault or deliver SIGSEGV (pf_extable.S).
 */
#include <arch/idtentry.h>
#include "inject.h"

	.text
	.globl	asm_exc_page_fault
asm_exc_page_fault:
	INJECTED_COST
	idtentry_body exc_page_fault has_error_code=1
