/*
 * nmi-ist-xor: the design of [ist-xor] (Paolo Bonzini, reply to
 * Sean Christopherson, 15 May 2020: "split the IST in two halves, and flip
 * between them in the TSS with an XOR operation on entry"), proposed there
 * for #VE and applied here, unchanged, to NMIs.  The thread's steps:
 *
 *   entry      XOR the IST slot in the TSS (first, before any stack use)
 *   nested     "saved RSP comes from the IST": rewrite the outer frame in
 *              the other half (flags/CS/SS current, RSP = top of that half,
 *              RIP = trampoline) and return
 *   first      "save the top 5 words of the IST somewhere", run the handler
 *   trampoline push the 5 saved words back, jump to the first instruction
 *
 * An XOR needs no undo on exit, so there is no window between an "undo"
 * and IRETQ.  The two tops are NMI_STACK_TOP - 16 and that minus
 * NMI_XOR_HALF: with the stack aligned to its size they differ in one bit,
 * NMI_XOR_HALF.  The 16 bytes keep each top 16-byte aligned, as the CPU
 * would make it anyway.  NMIs from ring 3 (eb.nmi=, host-injected) take the same path with the
 * user GS and no SWAPGS: harmless only because nothing here touches %gs.
 *
 * KNOWN UNSAFE FOR NMI (the torture's `crashed` is a finding about the
 * design, not a bug of this model).  The thread rests on "there won't ever
 * be more than two handlers active at the same time": for #VE, the CPU
 * sets the busy word of the #VE information area on delivery and only the
 * handler clears it, so the nested #VE's busy word is still set in the
 * outer's last instructions ("the reentrancy flag not zero ... we go just
 * fine through the few final instructions") and during the replay, until
 * it "fishes out" the nested #VE's data after the save.  For NMI the only
 * such state is the CPU's NMI blocking, and every IRET drops it: the
 * handler's own exceptions' IRETs (that is how the nested NMI got in),
 * the nested pass's IRETQ, and the outer's IRETQ into the trampoline.  A
 * third NMI then finds one of these windows (every entry sweep once a
 * replay runs with NMIs open; offsets from
 * asm_exc_nmi_xor; every other swept instruction survives):
 *
 * +0x74..+0x9b, the outer pass after a nested NMI (handler epilogue,
 *   POP_REGS, IRETQ).  The nested pass flipped the IST back to the half
 *   the outer runs on and rewrote the outer frame there to return to the
 *   trampoline.  NMI 3 lands on that same top: the CPU writes its frame
 *   (RIP = the exit instruction, RSP = the outer's RSP there) over the
 *   outer frame.  NMI 3 sees an RSP on the IST and takes the nested path,
 *   which rewrites the top of the other half, where nobody's frame is, and
 *   IRETQs back.  The outer's IRETQ then pops NMI 3's frame and returns
 *   into its own exit on its own stack, forever: the interrupted context
 *   and the pending replay are both gone (single-step watchdog, 1 handler
 *   run for 3 NMIs).  Returning from the nested pass without IRET (thread
 *   002's popfq/jmp) does not close it: any IRET between the nested pass
 *   and the outer IRETQ (an int3 or #PF in the rest of the handler, a #DB
 *   on these instructions, as the torture's) reopens it, and the torture
 *   finds the same 20 offsets that way.  On hardware the window spans the
 *   rest of the C handler too; the sweep covers only this file's code.
 *
 * +0x11..+0x3d, the replay: after its XOR and after it read the
 *   interrupted RSP (+0xc, so it has decided "first NMI"), before it
 *   copied the RSP slot of its frame (+0x3d).  NMIs are open since the
 *   outer's IRETQ into the trampoline.  NMI 3 lands on the other half, sees
 *   an RSP on the IST, and rewrites the replay's frame (now again at the
 *   top the IST points to) to {trampoline, top of half}; the replay then
 *   saves that rewritten frame as the interrupted context.  If the RIP slot
 *   was not copied yet (+0x11..+0x20) the saved frame is the trampoline's
 *   own: every later pass is "nested" and the entry re-enters itself
 *   forever (livelock, the torture's first crash); if it was (+0x23..+0x3d)
 *   the interrupted code resumes with RSP = the top of the NMI stack half
 *   and faults (a #PF with no fixup).  No order of XOR and copy closes this without the
 *   event blocked: before the XOR an NMI lands on the frame itself, after
 *   it a nested pass rewrites the frame under the copy.  In the first pass
 *   the CPU blocks NMIs until an IRET, so only the replay, entered by an
 *   IRET, is exposed.  (+0x0..+0xc survive: the replay then reads the
 *   rewritten RSP, takes itself for nested, and replays once more.)
 *
 * +0x9d, +0xa4..+0xbc, +0xc4..+0xc5, the nested path run by a replay that
 *   took itself for nested (the +0x0..+0xc case): with NMIs open there a
 *   fourth NMI lands on the half being rewritten and the saved RAX is lost,
 *   or the nested IRETQ returns into itself.  (Sweeps reach these with
 *   chains of NMIs, nmi_trace.c.)
 *
 * And in the SYSCALL gap, where the interrupted RSP is the user's: pointed
 * into the NMI stack, "saved RSP comes from the IST" holds for a first NMI,
 * which then takes the nested path and is never handled (the torture's
 * gap-*-ist scenarios: lost NMIs).
 *
 * Closing these windows needs state the handler holds across IRETs, a
 * nesting flag, which is not [ist-xor]'s design (see nmi-fake, [nmi-fake-flag],
 * and nmi-copied, Linux).  variants/README.md has the same account.
 */
#include <arch/calling.h>
#include <arch/nmi.h>
#include <arch/segment.h>

	.text
	.globl	asm_exc_nmi_xor, asm_exc_nmi_xor_end
asm_exc_nmi_xor:
	/* First: from now on a nested NMI lands in the other half */
	xorq	$NMI_XOR_HALF, tss+TSS_IST_NMI(%rip)

	pushq	%rax				/* the frame is 8 bytes up now */
	movq	8+HW_RSP(%rsp), %rax		/* interrupted RSP */
	/*
	 * Window of a replay (+0x11..+0x3d, header): from here until its
	 * RSP slot is copied below, an NMI rewrites the frame being saved.
	 */
	subq	$nmi_ist_stack, %rax
	cmpq	$NMI_STACK_SIZE, %rax
	jb	nmi_xor_nested
	popq	%rax

	/* First NMI: keep the interrupted context for a replay */
	.irp slot, HW_RIP, HW_CS, HW_RFLAGS, HW_RSP, HW_SS
	pushq	\slot(%rsp)
	popq	nmi_xor_saved + \slot(%rip)
	.endr

	pushq	$-1				/* pt_regs->orig_ax */
	PUSH_REGS
	NMI_CALL_HANDLER
	/*
	 * Window after a nested NMI, from the handler's return (+0x74, in
	 * the CR2 check above) to IRETQ (+0x9b), header: the IST points at
	 * this half again and NMIs are open, so an NMI lands on our frame.
	 */
	POP_REGS
	addq	$(RIP - ORIG_RAX), %rsp		/* skip orig_ax */
	iretq

nmi_xor_nested:
	/*
	 * The outer NMI's frame is at the top of the half the IST slot
	 * points at again (the XOR above): make it return to the
	 * trampoline, on that same top.
	 */
	movq	tss+TSS_IST_NMI(%rip), %rax
	movq	$__KERNEL_DS, (HW_SS - SIZEOF_HW_FRAME)(%rax)
#ifdef EB_INJECT_FAULT_NESTED_RSP0
	movq	$0, (HW_RSP - SIZEOF_HW_FRAME)(%rax)	/* planted (EB_INJECT): RSP 0 */
#else
	movq	%rax, (HW_RSP - SIZEOF_HW_FRAME)(%rax)
#endif
	pushfq
	popq	(HW_RFLAGS - SIZEOF_HW_FRAME)(%rax)	/* IF clear, as here */
	movq	$__KERNEL_CS, (HW_CS - SIZEOF_HW_FRAME)(%rax)
	movq	$nmi_xor_replay, (HW_RIP - SIZEOF_HW_FRAME)(%rax)
	popq	%rax
	iretq					/* opens NMIs: see the header */

nmi_xor_replay:
	/*
	 * A nested NMI is pending: rebuild the outer frame and enter again.
	 * Reached by the outer IRETQ, so NMIs are open from here on.
	 */
	.irp slot, HW_SS, HW_RSP, HW_RFLAGS, HW_CS, HW_RIP
	pushq	nmi_xor_saved + \slot(%rip)
	.endr
	jmp	asm_exc_nmi_xor
asm_exc_nmi_xor_end:

	.bss
	.balign	8
nmi_xor_saved:					/* the interrupted context's frame */
	.skip	SIZEOF_HW_FRAME
