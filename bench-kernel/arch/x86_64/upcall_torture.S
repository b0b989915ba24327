/*
 * Assembly half of the event upcall torture (upcall_torture.c): the #DB
 * gate through which it lands events at single instructions of the PV
 * kernel, the escape that ends a run beyond repair, and the gates of the
 * exceptions no run should take.
 */
#include <processor-flags.h>
#include <arch/calling.h>
#include <arch/pv_evtchn.h>
#include <arch/upcall_torture.h>

/*
 * #DB from the PV kernel (ring 3): a single step, the breakpoint on
 * schedule(), or the hostile delivery point.  ut_do_db() raises events as
 * a physical interrupt would; then the hypervisor's exit to the guest does
 * test_all_events, as after any interrupt: an event to deliver makes this
 * context the bounce's, whose frame the upcall returns to.
 */
	.text
	.globl	ut_entry_db
ut_entry_db:
	pushq	$-1				/* pt_regs->orig_ax */
	PUSH_REGS
	movq	%rsp, %rdi
	call	ut_do_db
	movb	%al, ut_deliver(%rip)
	POP_REGS
	addq	$(RIP - ORIG_RAX), %rsp
	cmpb	$0, ut_deliver(%rip)
	jne	1f
	iretq
1:	movq	%rcx, pv_evtchn+EVT_rcx(%rip)
	movq	%r11, pv_evtchn+EVT_r11(%rip)
	pushq	HW_RIP(%rsp)
	popq	pv_evtchn+EVT_rip(%rip)
	pushq	HW_RFLAGS(%rsp)
	popq	pv_evtchn+EVT_rflags(%rip)
	pushq	HW_RSP(%rsp)
	popq	pv_vcpu+VCPU_guest_sp(%rip)
	jmp	hv_bounce_event_traced		/* leaves this stack behind */

/*
 * int ut_run(void (*fn)(void *), void *arg): fn(arg) in ring 3, IF set as
 * in a PV guest (upcall_torture.c, CANARY_FLAGS); 0 or UT_ESC_*
 */
	.globl	ut_run
ut_run:
	pushq	%rbx
	pushq	%rbp
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	movq	%rsp, ut_escape_rsp(%rip)
	call	arch_run_user_irq
	xorl	%eax, %eax
	jmp	1f
ut_escaped:
	movl	ut_escape_why(%rip), %eax
1:	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	ret

/*
 * void ut_escape(int why): back to ut_run() from anywhere in ring 0: from
 * an exception the PV kernel took, or from the hypervisor, both with the
 * user GS base that arch_run_user_irq() swapped in: swap it back.
 */
	.globl	ut_escape
ut_escape:
	movl	%edi, ut_escape_why(%rip)
	movl	$MSR_GS_BASE, %ecx
	rdmsr
	orl	%edx, %eax
	jnz	1f				/* the kernel's: &percpu */
	swapgs
1:	movq	ut_escape_rsp(%rip), %rsp
	jmp	ut_escaped

/* Every other exception ends the run as a crash */
	.irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
ut_unexpected_\v:
	movl	$(UT_ESC_VECTOR + \v), %edi
	jmp	ut_escape
	.endr

	.section .rodata
	.balign	8
	.globl	ut_unexpected
ut_unexpected:
	.irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	.quad	ut_unexpected_\v
	.endr

	.bss
	.balign	8
ut_escape_rsp:
	.skip	8
ut_escape_why:
	.skip	4
ut_deliver:
	.skip	1
