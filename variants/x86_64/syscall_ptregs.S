/*
 * syscall-ptregs: a realistic 64-bit SYSCALL entry in the style of Linux's
 * entry_SYSCALL_64 (arch/x86/entry/entry_64.S): SWAPGS, switch to the
 * kernel stack, build struct pt_regs, dispatch through the system call table
 * in C, and return with SYSRETQ when do_syscall_64() says that is safe, with
 * IRETQ otherwise.
 */
#include <processor-flags.h>
#include <arch/calling.h>
#include <arch/percpu.h>
#include <arch/segment.h>
#include "inject.h"

	.text
	.globl	entry_SYSCALL_64_ptregs
entry_SYSCALL_64_ptregs:
	INJECTED_COST
	/*
	 * Interrupts are off (SYSCALL_MASK clears IF) and RSP is still the
	 * user's: nothing may touch the stack before the switch below.
	 */
	swapgs
	/*
	 * A hypervisor that does the SWAPGS for its guest enters here, with
	 * RSP the user's ([xen-pv-nmi]'s xen_syscall_target; syscall_pv_early.S).
	 */
	.globl	entry_SYSCALL_64_after_swapgs
entry_SYSCALL_64_after_swapgs:
	movq	%rsp, %gs:PCPU_rsp_scratch
	movq	%gs:PCPU_top_of_stack, %rsp
	/* As Linux's label: the kernel stack from here on (the NMI torture's SYSCALL gap ends here) */
	.globl	entry_SYSCALL_64_safe_stack
entry_SYSCALL_64_safe_stack:

	/* The hardware-style frame first, so pt_regs has one layout for all entries */
	pushq	$__USER_DS			/* pt_regs->ss */
	pushq	%gs:PCPU_rsp_scratch		/* pt_regs->sp */
	pushq	%r11				/* pt_regs->flags */
	pushq	$__USER_CS			/* pt_regs->cs */
	pushq	%rcx				/* pt_regs->ip */

	/*
	 * A hypervisor that does the SWAPGS, the stack switch and the frame
	 * above for its guest enters here ([xen-pv-nmi],
	 * "<-- Xen enters here"); see syscall_pv_late.S.
	 */
	.globl	entry_SYSCALL_64_after_hwframe
entry_SYSCALL_64_after_hwframe:
	pushq	%rax				/* pt_regs->orig_ax */
	PUSH_AND_CLEAR_REGS rax=$-ENOSYS

	movq	%rsp, %rdi
	movslq	%eax, %rsi			/* syscall numbers are ints */
	call	do_syscall_64
	testb	%al, %al
	jz	swapgs_restore_regs_and_return_to_usermode

	/*
	 * SYSRET path.  do_syscall_64() checked that pt_regs->cx == ip and
	 * ->r11 == flags, so POP_REGS leaves exactly what SYSRET consumes.
	 */
	POP_REGS
	movq	RSP-ORIG_RAX(%rsp), %rsp	/* the user stack; no kernel stack use after this */
	swapgs					/* no %gs access after this either */
	sysretq
