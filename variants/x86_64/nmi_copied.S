/*
 * nmi-copied: the nested-NMI-safe entry of Linux's asm_exc_nmi
 * (arch/x86/entry/entry_64.S), kernel-mode path.  The hardware frame at the
 * top of the IST stack is not trusted past the first few instructions: the
 * outer NMI keeps two copies of it below, and a nested NMI, instead of
 * running, rewrites the copy the outer NMI will IRET through so that it
 * "returns" to repeat_nmi and runs the handler once more.
 *
 * The IST stack, from its top down (T = NMI_STACK_TOP; the T_* offsets of
 * nmi_copied.h, each a slot's lowest address):
 *
 *	T-8  .. T-40	T_HW_FRAME: hardware frame (SS .. RIP), rewritten by
 *			each NMI
 *	T-48		T_SCRATCH: scratch for %rdx
 *	T-56		T_NMI_EXECUTING: "NMI executing"
 *	T-64 .. T-96	T_IRET_FRAME: "iret" frame, what the outer NMI will
 *			IRET through
 *	T-104 .. T-136	T_OUTERMOST: "outermost" frame, the interrupted
 *			context, copied once, then copied to "iret" on each pass
 *	below		T_PT_REGS: pt_regs, "outermost" its return frame
 *
 * Operands are RSP_OFF(where %rsp is, the slot wanted).
 *
 * A nested NMI can only arrive after something IRETs inside the handler;
 * NMIs are blocked from delivery up to the first such IRET, so everything up
 * to repeat_nmi runs with NMIs blocked.  The user-mode half of Linux's
 * entry is left out: NMIs from ring 3 (eb.nmi=, host-injected) take the
 * kernel path with the user GS and no SWAPGS, harmless only because
 * nothing here touches %gs.
 */
#include <processor-flags.h>
#include <arch/calling.h>
#include <arch/nmi.h>
#include <arch/segment.h>
#include "nmi_copied.h"

	.text
	.globl	asm_exc_nmi_copied, asm_exc_nmi_copied_end
asm_exc_nmi_copied:
	pushq	%rdx				/* T_SCRATCH */

#ifndef EB_INJECT_FAULT_NO_REPEAT_CHECK	/* planted (EB_INJECT): no such test */
	/* Interrupted the copy into the "iret" frame: that pass will run anyway */
	movq	$repeat_nmi, %rdx
	cmpq	RSP_OFF(T_SCRATCH, T_HW_FRAME + HW_RIP)(%rsp), %rdx
	ja	1f
	movq	$end_repeat_nmi, %rdx
	cmpq	RSP_OFF(T_SCRATCH, T_HW_FRAME + HW_RIP)(%rsp), %rdx
	ja	nested_nmi_out
1:
#endif
	/* Interrupted the outer NMI's handler */
	cmpq	$1, RSP_OFF(T_SCRATCH, T_NMI_EXECUTING)(%rsp)
	je	nested_nmi

	/*
	 * Interrupted the outer NMI's exit, after it cleared "NMI executing"
	 * and before its IRETQ: on the NMI stack, with DF set (the exit sets
	 * it, kernel C code never leaves it set).
	 */
	leaq	RSP_OFF(T_SCRATCH, 0)(%rsp), %rdx	/* T */
	cmpq	%rdx, RSP_OFF(T_SCRATCH, T_HW_FRAME + HW_RSP)(%rsp)
	ja	first_nmi
	subq	$NMI_STACK_SIZE, %rdx
	cmpq	%rdx, RSP_OFF(T_SCRATCH, T_HW_FRAME + HW_RSP)(%rsp)
	jb	first_nmi
#ifndef EB_INJECT_FAULT_NO_DF_TEST		/* planted (EB_INJECT): no such test */
	testl	$X86_EFLAGS_DF, RSP_OFF(T_SCRATCH, T_HW_FRAME + HW_RFLAGS)(%rsp)
	jz	first_nmi
#endif

nested_nmi:
	/* Point the "iret" frame at repeat_nmi, with %rsp at "outermost" RIP */
	subq	$RSP_OFF(T_NMI_EXECUTING, T_SCRATCH), %rsp	/* %rsp at T-56 */
	leaq	RSP_OFF(T_NMI_EXECUTING, T_OUTERMOST)(%rsp), %rdx	/* T-136 */
	pushq	$__KERNEL_DS			/* "iret" SS */
	pushq	%rdx				/* "iret" RSP */
	pushfq					/* "iret" RFLAGS */
	pushq	$__KERNEL_CS			/* "iret" CS */
	pushq	$repeat_nmi			/* "iret" RIP */
	addq	$RSP_OFF(T_IRET_FRAME, T_SCRATCH), %rsp	/* back at the scratch slot */
nested_nmi_out:
#ifdef EB_INJECT_FAULT_NESTED_RDX
	addq	$8, %rsp			/* planted (EB_INJECT): RDX not restored */
#else
	popq	%rdx
#endif
	iretq					/* to kernel mode: cannot fault */

first_nmi:
	movq	(%rsp), %rdx
	pushq	$0				/* T_NMI_EXECUTING */
	subq	$SIZEOF_HW_FRAME, %rsp		/* room for the "iret" frame */
	/* hardware frame -> "outermost": SS first, source and %rsp move together */
	.rept	SIZEOF_HW_FRAME / 8
	pushq	RSP_OFF(T_IRET_FRAME, T_HW_FRAME + HW_SS)(%rsp)
	.endr

repeat_nmi:
	/*
	 * The outer NMI's IRETQ lands here after a nested NMI, with NMIs
	 * unmasked.  A nested NMI that hits before end_repeat_nmi leaves
	 * at once (this pass is about to run the handler anyway), so the
	 * "iret" frame is never rewritten while being copied.
	 */
	movq	$1, RSP_OFF(T_OUTERMOST, T_NMI_EXECUTING)(%rsp)	/* "NMI executing" */
	addq	$RSP_OFF(T_OUTERMOST, T_NMI_EXECUTING), %rsp
	/* "outermost" -> "iret": SS first, source and %rsp move together */
	.rept	SIZEOF_HW_FRAME / 8
	pushq	RSP_OFF(T_NMI_EXECUTING, T_OUTERMOST + HW_SS)(%rsp)
	.endr
	subq	$RSP_OFF(T_OUTERMOST, T_IRET_FRAME), %rsp	/* %rsp at "outermost" RIP */
end_repeat_nmi:

	/* From here on a nested NMI rewrites the "iret" frame */
	pushq	$-1				/* pt_regs->orig_ax */
	PUSH_REGS
	NMI_CALL_HANDLER
	POP_REGS
	/* orig_ax and "outermost": at "iret" */
	addq	$RSP_OFF(T_PT_REGS + ORIG_RAX, T_IRET_FRAME), %rsp

	/*
	 * Clear "NMI executing" with DF set, so that a nested NMI between
	 * here and IRETQ still knows it interrupted an NMI (see above).
	 * IRETQ restores the interrupted DF.
	 */
	std
	movq	$0, RSP_OFF(T_IRET_FRAME, T_NMI_EXECUTING)(%rsp)
	iretq
asm_exc_nmi_copied_end:
