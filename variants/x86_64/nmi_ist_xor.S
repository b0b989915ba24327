/*
 * nmi-ist-xor: thread 004's proposal for #VE (Paolo Bonzini, 2020),
 * applied to NMIs.  The IST stack is split in two halves and every entry
 * first flips the IST slot to the other half with an XOR: at most two
 * handlers are ever live, and an XOR needs no undo on exit, so there is no
 * window between an "undo" and IRETQ.
 *
 * A first NMI saves its hardware frame (the interrupted context).  A
 * nested NMI, recognised by an interrupted RSP on the IST stack, does not
 * run the handler: it rewrites the outer NMI's frame, in the other half, so
 * that the outer IRETQ lands in a trampoline on top of that half.  The
 * trampoline pushes the saved frame back where the hardware put it and
 * re-enters from the top: the nested NMI is replayed as a fresh one.
 *
 * The two tops are NMI_STACK_TOP - 16 and that minus NMI_XOR_HALF: with the
 * stack aligned to its size they differ in one bit, NMI_XOR_HALF.  The
 * 16 bytes keep each top 16-byte aligned, as the CPU would make it anyway.
 * NMIs only come from ring 0 here.
 */
#include <arch/calling.h>
#include <arch/nmi.h>
#include <arch/segment.h>

	.text
	.globl	asm_exc_nmi_xor, asm_exc_nmi_xor_end
asm_exc_nmi_xor:
	/* First: from now on a nested NMI lands in the other half */
	xorq	$NMI_XOR_HALF, tss+TSS_IST_NMI(%rip)

	pushq	%rax
	movq	8+3*8(%rsp), %rax		/* interrupted RSP */
	subq	$nmi_ist_stack, %rax
	cmpq	$NMI_STACK_SIZE, %rax
	jb	nmi_xor_nested
	popq	%rax

	/* First NMI: keep the interrupted context for a replay */
	.irp slot, 0, 1, 2, 3, 4		/* RIP, CS, RFLAGS, RSP, SS */
	pushq	\slot*8(%rsp)
	popq	nmi_xor_saved + \slot*8(%rip)
	.endr

	pushq	$-1				/* pt_regs->orig_ax */
	PUSH_REGS
	NMI_CALL_HANDLER
	POP_REGS
	addq	$8, %rsp
	iretq

nmi_xor_nested:
	/*
	 * The outer NMI's frame is at the top of the half the IST slot
	 * points at again (the XOR above): make it return to the
	 * trampoline, on that same top.
	 */
	movq	tss+TSS_IST_NMI(%rip), %rax
	movq	$__KERNEL_DS, -1*8(%rax)	/* SS */
	movq	%rax, -2*8(%rax)		/* RSP */
	pushfq
	popq	-3*8(%rax)			/* RFLAGS: IF clear, as here */
	movq	$__KERNEL_CS, -4*8(%rax)	/* CS */
	movq	$nmi_xor_replay, -5*8(%rax)	/* RIP */
	popq	%rax
	iretq

nmi_xor_replay:
	/* A nested NMI is pending: rebuild the outer frame and enter again */
	.irp slot, 4, 3, 2, 1, 0
	pushq	nmi_xor_saved + \slot*8(%rip)
	.endr
	jmp	asm_exc_nmi_xor
asm_exc_nmi_xor_end:

	.bss
	.balign	8
nmi_xor_saved:
	.skip	5*8
