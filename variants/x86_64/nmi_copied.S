/*
 * nmi-copied: the nested-NMI-safe entry of Linux's asm_exc_nmi
 * (arch/x86/entry/entry_64.S), kernel-mode path.  The hardware frame at the
 * top of the IST stack is not trusted past the first few instructions: the
 * outer NMI keeps two copies of it below, and a nested NMI, instead of
 * running, rewrites the copy the outer NMI will IRET through so that it
 * "returns" to repeat_nmi and runs the handler once more.
 *
 * The IST stack, from its top down (T = NMI_STACK_TOP):
 *
 *	T-8  .. T-40	hardware frame (SS .. RIP), rewritten by each NMI
 *	T-48		scratch for %rdx
 *	T-56		"NMI executing"
 *	T-64 .. T-96	"iret" frame: what the outer NMI will IRET through
 *	T-104 .. T-136	"outermost" frame: the interrupted context, copied
 *			once, then copied to "iret" on each pass
 *	below		pt_regs
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

/* Offsets from %rsp right after the entry's pushq %rdx */
#define HW_RIP		8
#define HW_RSP		(HW_RIP + 3*8)
#define HW_FLAGS	(HW_RIP + 2*8)
#define NMI_EXECUTING	(-8)

	.text
	.globl	asm_exc_nmi_copied, asm_exc_nmi_copied_end
asm_exc_nmi_copied:
	pushq	%rdx

	/* Interrupted the copy into the "iret" frame: that pass will run anyway */
	movq	$repeat_nmi, %rdx
	cmpq	HW_RIP(%rsp), %rdx
	ja	1f
	movq	$end_repeat_nmi, %rdx
	cmpq	HW_RIP(%rsp), %rdx
	ja	nested_nmi_out
1:
	/* Interrupted the outer NMI's handler */
	cmpq	$1, NMI_EXECUTING(%rsp)
	je	nested_nmi

	/*
	 * Interrupted the outer NMI's exit, after it cleared "NMI executing"
	 * and before its IRETQ: on the NMI stack, with DF set (the exit sets
	 * it, kernel C code never leaves it set).
	 */
	leaq	6*8(%rsp), %rdx			/* T */
	cmpq	%rdx, HW_RSP(%rsp)
	ja	first_nmi
	subq	$NMI_STACK_SIZE, %rdx
	cmpq	%rdx, HW_RSP(%rsp)
	jb	first_nmi
	testl	$X86_EFLAGS_DF, HW_FLAGS(%rsp)
	jz	first_nmi

nested_nmi:
	/* Point the "iret" frame at repeat_nmi, with %rsp at "outermost" RIP */
	subq	$8, %rsp			/* %rsp at T-56 */
	leaq	-10*8(%rsp), %rdx		/* T-136 */
	pushq	$__KERNEL_DS
	pushq	%rdx
	pushfq
	pushq	$__KERNEL_CS
	pushq	$repeat_nmi
	addq	$6*8, %rsp			/* back at the scratch slot */
nested_nmi_out:
	popq	%rdx
	iretq					/* to kernel mode: cannot fault */

first_nmi:
	movq	(%rsp), %rdx
	pushq	$0				/* "NMI executing" */
	subq	$5*8, %rsp			/* room for the "iret" frame */
	.rept 5
	pushq	11*8(%rsp)			/* hardware frame -> "outermost" */
	.endr

repeat_nmi:
	/*
	 * The outer NMI's IRETQ lands here after a nested NMI, with NMIs
	 * unmasked.  A nested NMI that hits before end_repeat_nmi leaves
	 * at once (this pass is about to run the handler anyway), so the
	 * "iret" frame is never rewritten while being copied.
	 */
	movq	$1, 10*8(%rsp)			/* "NMI executing" */
	addq	$10*8, %rsp
	.rept 5
	pushq	-6*8(%rsp)			/* "outermost" -> "iret" */
	.endr
	subq	$5*8, %rsp			/* %rsp at "outermost" RIP */
end_repeat_nmi:

	/* From here on a nested NMI rewrites the "iret" frame */
	pushq	$-1				/* pt_regs->orig_ax */
	PUSH_REGS
	NMI_CALL_HANDLER
	POP_REGS
	addq	$6*8, %rsp			/* orig_ax and "outermost": at "iret" */

	/*
	 * Clear "NMI executing" with DF set, so that a nested NMI between
	 * here and IRETQ still knows it interrupted an NMI (see above).
	 * IRETQ restores the interrupted DF.
	 */
	std
	movq	$0, 5*8(%rsp)
	iretq
asm_exc_nmi_copied_end:
