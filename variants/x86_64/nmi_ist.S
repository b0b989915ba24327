/*
 * The plain NMI entry: build pt_regs wherever the gate put the hardware
 * frame, call the handler, IRETQ.  nmi-ist installs it on an IST stack,
 * nmi-single-stack without one.
 *
 * On IST this is the design Linux had before 2012 and is unsafe: any IRET
 * unmasks NMIs (one from an exception the handler takes, say), and a nested
 * NMI then starts again at the top of the same IST stack, over the outer
 * NMI's frame, which then "returns" into the handler itself.
 *
 * The timed trips run at cpl 0, so there is no SWAPGS and no user-mode
 * path.  NMIs from ring 3 (eb.nmi=, host-injected) take the same path with
 * the user GS: harmless only because nothing here touches %gs.
 */
#include <processor-flags.h>
#include <arch/calling.h>
#include <arch/nmi.h>

	.text
	.globl	asm_exc_nmi_plain, asm_exc_nmi_plain_end
asm_exc_nmi_plain:
	pushq	$-1				/* pt_regs->orig_ax */
	PUSH_REGS
	NMI_CALL_HANDLER
	POP_REGS
	addq	$(RIP - ORIG_RAX), %rsp		/* skip orig_ax */
#ifdef EB_INJECT_FAULT_EXIT_CLOBBER
	/* planted (EB_INJECT): what nmi_trip's check must see */
	xorl	%eax, %eax
	xorl	%ecx, %ecx
	xorq	$X86_EFLAGS_AF, HW_RFLAGS(%rsp)
#endif
	iretq
asm_exc_nmi_plain_end:
