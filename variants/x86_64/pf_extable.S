/*
 * pf-extable: the #PF round trip at its floor.  A user load from user_hole, a page
 * that is never present, faults through vector 14 with an error code.  No
 * page gets mapped in: as for a failing uaccess in Linux, the exception
 * table (one entry, usercall.S) resumes the load at its fixup with -EFAULT
 * in %rax, so every trip faults the same way.  The handler records CR2 and the
 * error code for the check; a fault anywhere else goes to the default stub.
 * No SWAPGS: no per-CPU data.
 *
 * Not what Linux does with a user fault: an exception-table fixup is a
 * kernel-mode mechanism (uaccess), applied here to a user-mode load so that
 * every trip takes the same fault; Linux would map a page (demand paging)
 * or deliver SIGSEGV.  Hence the name: the figure is #PF delivery and IRET
 * around the cheapest possible handler, not a Linux path.
 */
#include <arch/ptregs.h>
#include <arch/traps.h>
#include "inject.h"

	.text
	.globl	asm_exc_page_fault_minimal
asm_exc_page_fault_minimal:
	INJECTED_COST
	/* The error code sits where pt_regs->orig_ax would, under the IRET frame */
	cmpq	$user_pf_load, RIP-ORIG_RAX(%rsp)
	jne	1f
	popq	pf_seen+PF_SEEN_error_code(%rip)	/* %rsp is at the IRET frame now */
	movq	%cr2, %rax
	movq	%rax, pf_seen+PF_SEEN_addr(%rip)
	movq	$user_pf_fixup, (%rsp)		/* its RIP */
	movq	$-EFAULT, %rax
	iretq

1:	jmp	*trap_stubs+X86_TRAP_PF*8(%rip)	/* unexpected: trap.c reports it */
