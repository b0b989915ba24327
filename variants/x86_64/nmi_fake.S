/*
 * nmi-fake: the 2010 design of [nmi-fake-flag] (Linus Torvalds, Mathieu
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
 * IST stack (T = NMI_STACK_TOP): hardware frame at T-40 (T_HW_FRAME),
 * scratch at T-48, copy below COPY_TOP = T-64 (CR2, then SS .. RIP, an IRET
 * frame at COPY_RIP), handler below that.
 * NMIs from ring 3 (eb.nmi=, host-injected) take the same path with the
 * user GS and no SWAPGS: harmless only because nothing here touches %gs.
 */
#include <arch/calling.h>
#include <arch/nmi.h>
#include <arch/segment.h>

/* Offsets from T */
#define T_HW_FRAME	(-SIZEOF_HW_FRAME)	/* the CPU's, rewritten by each NMI */
#define T_SCRATCH	(T_HW_FRAME - 8)	/* %rax of the first NMI; nmi_nested's pushes */
#define T_COPY_TOP	(T_SCRATCH - 2*8)	/* one more nmi_nested push, one word of padding */
#define T_COPY_CR2	(T_COPY_TOP - 8)
#define T_COPY_RIP	(T_COPY_CR2 - SIZEOF_HW_FRAME)	/* the copy, an IRET frame */

#define HW_FRAME	(NMI_STACK_TOP + T_HW_FRAME)
#define SCRATCH		(NMI_STACK_TOP + T_SCRATCH)
#define COPY_TOP	(NMI_STACK_TOP + T_COPY_TOP)
#define COPY_CR2	(NMI_STACK_TOP + T_COPY_CR2)
#define COPY_RIP	(NMI_STACK_TOP + T_COPY_RIP)

	.text
	.globl	asm_exc_nmi_fake, asm_exc_nmi_fake_end
asm_exc_nmi_fake:
#ifndef EB_INJECT_FAULT_NO_ATOMIC_TEST	/* planted (EB_INJECT): no such test */
	/* Interrupted the outer NMI's atomic exit? (RIP first, then CS) */
	cmpq	$nmi_atomic, HW_RIP(%rsp)
	jb	1f
	cmpq	$nmi_atomic_end, HW_RIP(%rsp)
	jae	1f
	cmpq	$__KERNEL_CS, HW_CS(%rsp)
	je	nmi_hit_atomic
1:
#endif
	/* Interrupted the outer NMI's handler? */
	cmpb	$0, nmi_nesting(%rip)
	jne	nmi_nested

	/* First NMI: copy CR2 and the frame, before anything can nest */
	pushq	%rax				/* SCRATCH */
	movq	%cr2, %rax
	leaq	COPY_TOP(%rip), %rsp
	pushq	%rax				/* copy: CR2 */
	.irp slot, HW_SS, HW_RSP, HW_RFLAGS, HW_CS, HW_RIP
	pushq	HW_FRAME + \slot(%rip)
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
	addq	$(RIP - ORIG_RAX), %rsp		/* skip orig_ax: at COPY_RIP */
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
	pushq	%rax				/* the frame is 8 bytes up now */
	movq	8+HW_RSP(%rsp), %rax		/* interrupted RSP */
	subq	$8, %rax
	pushq	8+HW_RIP(%rsp)			/* interrupted RIP ... */
	popq	(%rax)				/* ... as a return address */
	movq	%rax, 8+HW_RSP(%rsp)
	popq	%rax
	addq	$HW_RFLAGS, %rsp		/* RIP, CS: at RFLAGS */
	popfq
	popq	%rsp				/* SS is left behind */
	ret
asm_exc_nmi_fake_end:

	.bss
	.globl	nmi_nesting, need_fake_nmi
nmi_nesting:
	.byte	0
need_fake_nmi:
	.byte	0
