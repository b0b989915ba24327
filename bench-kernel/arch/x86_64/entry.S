/*
 * Exits shared by the full-frame (pt_regs) variants, as the common tail of
 * Linux's arch/x86/entry/entry_64.S.
 */
#include <arch/calling.h>

	.text

/*
 * The IRET exit to user mode, valid for any pt_regs frame: used when
 * do_syscall_64() says SYSRET is unsafe, and by entries that came in through
 * an interrupt gate.  %rsp points at pt_regs; GS is the kernel's.
 */
	.globl	swapgs_restore_regs_and_return_to_usermode
swapgs_restore_regs_and_return_to_usermode:
	POP_REGS
	addq	$(RIP - ORIG_RAX), %rsp	/* skip orig_ax: %rsp is at the IRET frame */
	swapgs				/* no %gs access after this */
	.globl	native_irq_return_iret
native_irq_return_iret:			/* named for syscall_iret.c's check */
	iretq
