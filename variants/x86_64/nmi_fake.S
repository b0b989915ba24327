/*
 * nmi-fake: the 2010 design of thread 002 (Linus Torvalds, Mathieu
 * Desnoyers, "x86_64 page fault NMI-safe"), made concrete.
 *
 * The first NMI copies the hardware frame, and CR2, to a fixed place on the
 * IST stack below room for a nested NMI's frame, sets a nesting flag and
 * runs the handler below the copy.  A nested NMI (the flag is set) only sets
 * "need fake NMI" and returns *without* IRET, so NMIs stay blocked until the
 * outer NMI's IRETQ; the outer NMI sees the flag on its way out and runs the
 * handler again (the "fake NMI").  Between clearing the nesting flag and
 * IRETQ the outer NMI is in the atomic region: an NMI that hits there (NMIs
 * were unmasked by some IRET inside the handler) takes over the outer NMI's
 * copy, which is still intact, and leaves through it.
 *
 * IST stack (T = NMI_STACK_TOP): hardware frame at T-40, scratch at T-48,
 * copy below COPY_TOP = T-64 (CR2, then SS .. RIP), handler below that.
 * NMIs from ring 3 (eb.nmi=, host-injected) take the same path with the
 * user GS and no SWAPGS: harmless only because nothing here touches %gs.
 */
#include <arch/calling.h>
#include <arch/nmi.h>
#include <arch/segment.h>

#define HW_FRAME	(NMI_STACK_TOP - 5*8)
#define SCRATCH		(NMI_STACK_TOP - 6*8)
#define COPY_TOP	(NMI_STACK_TOP - 8*8)
#define COPY_CR2	(COPY_TOP - 8)
#define COPY_RIP	(COPY_TOP - 6*8)	/* the copy is an IRET frame from here */

	.text
	.globl	asm_exc_nmi_fake, asm_exc_nmi_fake_end
asm_exc_nmi_fake:
	/* Interrupted the outer NMI's atomic exit? (RIP first, then CS) */
	cmpq	$nmi_atomic, (%rsp)
	jb	1f
	cmpq	$nmi_atomic_end, (%rsp)
	jae	1f
	cmpq	$__KERNEL_CS, 8(%rsp)
	je	nmi_hit_atomic
1:
	/* Interrupted the outer NMI's handler? */
	cmpb	$0, nmi_nesting(%rip)
	jne	nmi_nested

	/* First NMI: copy CR2 and the frame, before anything can nest */
	pushq	%rax				/* SCRATCH */
	movq	%cr2, %rax
	leaq	COPY_TOP(%rip), %rsp
	pushq	%rax				/* copy: CR2 */
	.irp slot, 4, 3, 2, 1, 0		/* SS, RSP, RFLAGS, CS, RIP */
	pushq	HW_FRAME + \slot*8(%rip)
	.endr
	movq	SCRATCH(%rip), %rax
set_nesting:
	movb	$1, nmi_nesting(%rip)
regular_nmi:
	pushq	$-1				/* pt_regs->orig_ax */
	PUSH_REGS
	NMI_CALL_HANDLER save_cr2=0
	/* CR2 as the interrupted context had it; MOV to CR2 needs a GPR */
	movq	COPY_CR2(%rip), %rax
	movq	%rax, %cr2
	POP_REGS
	addq	$8, %rsp			/* at COPY_RIP */
nmi_atomic:
	cmpb	$0, need_fake_nmi(%rip)
	jne	fake_nmi
	movb	$0, nmi_nesting(%rip)
	iretq
fake_nmi:
	movb	$0, need_fake_nmi(%rip)
	jmp	regular_nmi
nmi_atomic_end:

nmi_hit_atomic:
	/*
	 * The outer NMI was leaving, through its copy, which is intact: run
	 * the handler for this NMI (it also covers a pending fake NMI) and
	 * leave through the same copy.  This NMI's own frame points into the
	 * atomic region and is dropped.
	 */
	leaq	COPY_RIP(%rip), %rsp
	movb	$0, need_fake_nmi(%rip)
	jmp	set_nesting

nmi_nested:
	/*
	 * Ask the outer NMI to run the handler again and return without
	 * IRET: push the return RIP onto the interrupted stack (kernel code
	 * has no red zone), restore RFLAGS and RSP, RET.
	 */
	movb	$1, need_fake_nmi(%rip)
	pushq	%rax
	movq	8+3*8(%rsp), %rax		/* interrupted RSP */
	subq	$8, %rax
	pushq	8(%rsp)				/* interrupted RIP ... */
	popq	(%rax)				/* ... as a return address */
	movq	%rax, 8+3*8(%rsp)
	popq	%rax
	addq	$2*8, %rsp			/* RIP, CS: at RFLAGS */
	popfq
	popq	%rsp
	ret
asm_exc_nmi_fake_end:

	.bss
	.globl	nmi_nesting, need_fake_nmi
nmi_nesting:
	.byte	0
need_fake_nmi:
	.byte	0
