/*
 * idtentry_body: the body of a full-frame exception entry, as Linux's
 * idtentry_body (arch/x86/entry/entry_64.S) with error_entry folded in.
 * The CPU has pushed the hardware frame and, for some vectors, an error
 * code; the body completes pt_regs, calls cfunc(regs[, error_code]) in C and
 * leaves through the IRET exit.  Each entry (the *_ptregs.S variants) is
 * its label, INJECTED_COST and this.  Assembly only.
 */
#ifndef ARCH_IDTENTRY_H
#define ARCH_IDTENTRY_H

#include <arch/calling.h>

.macro idtentry_body cfunc has_error_code
	.if !\has_error_code
	pushq	$-1			/* pt_regs->orig_ax: no error code, no syscall */
	.endif

	/*
	 * Only an entry from user mode swaps GS in.  One from kernel mode is
	 * a bug here: the C handler hands it to do_trap(), which does not
	 * return, so the exit below may assume user mode.
	 */
	testb	$3, CS-ORIG_RAX(%rsp)
	jz	1f
	swapgs
1:
	PUSH_AND_CLEAR_REGS
	movq	%rsp, %rdi		/* struct pt_regs * */
	.if \has_error_code
	movq	ORIG_RAX(%rsp), %rsi	/* the error code, which the CPU put in the orig_ax slot */
	.endif
	call	\cfunc
	jmp	swapgs_restore_regs_and_return_to_usermode
.endm

#endif
