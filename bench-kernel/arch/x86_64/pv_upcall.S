/*
 * The ring-3 assembly of the PV kernel's upcall model (pv_upcall.h): the
 * round trips the upcall variants time, the context switch of the model
 * scheduler, and the call onto the IRQ stack.
 */
#include <arch/pv_upcall.h>

	.section .utext, "ax"

/*
 * void pv_send_trip(void): an event to this vCPU outside any preemptible
 * hypercall (a self-IPI through the event channel, EVTCHNOP_send); the
 * upcall comes on the hypercall's return, before the stub's pops.
 */
	.globl	pv_send_trip
pv_send_trip:
	movl	pv_send_port(%rip), %edi
	call	HYPERCALL(HC_evtchn_send)
	ret

/*
 * void pv_preemptible_trip(void): what privcmd_call() unwraps to,
 * xen_preemptible_hcall_begin(), CALL_NOSPEC into the hypercall page,
 * xen_preemptible_hcall_end() ([xen-pv-idtentry]), then the cond_resched()
 * that the return to user mode would make: a reschedule left pending by a
 * design that does not preempt the hypercall is taken there.  %rax is the
 * hypercall's answer; %rdi and %rsi are its arguments, which hypercalls
 * clobber; every other register and RFLAGS are kept.  [pv_phc_begin, pv_phc_end) is
 * where the flag is set.
 */
	.globl	pv_preemptible_trip, pv_phc_begin, pv_phc_end
pv_preemptible_trip:
	pushfq				/* the harness wants the caller's RFLAGS back */
	movb	$1, pv_in_preemptible_hcall(%rip)
pv_phc_begin:
	movl	$PV_HC_STEPS, %edi
	movl	$0, %esi
	call	HYPERCALL(HC_preemptible)
	movb	$0, pv_in_preemptible_hcall(%rip)
pv_phc_end:
	cmpb	$0, pv_need_resched(%rip)
	jne	1f
	popfq
	ret
1:	pushq	%rax
	pushq	%rcx
	pushq	%rdx
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	call	schedule
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rdx
	popq	%rcx
	popq	%rax
	popfq
	ret

/*
 * void pv_switch_to(unsigned long *prev_sp, unsigned long next_sp):
 * __switch_to_asm: the callee-saved registers on the old task's stack, its
 * RSP into *prev_sp, the new task's RSP, its registers, and return into it.
 */
	.globl	pv_switch_to
pv_switch_to:
	pushq	%rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	movq	%rsp, (%rdi)
	movq	%rsi, %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	ret

/* Where the second task starts: pv_tasks_init() leaves this on its stack */
	.globl	pv_task2_start
pv_task2_start:
	call	pv_task2_main
	ud2

/*
 * void pv_call_on_stack(void *sp, void (*fn)(void)): asm_call_on_stack(),
 * the old RSP kept in the word at sp (16-byte aligned: fn gets a C frame).
 */
	.globl	pv_call_on_stack
pv_call_on_stack:
	pushq	%rbp
	movq	%rsp, %rbp
	movq	%rsp, (%rdi)
	movq	%rdi, %rsp
	call	*%rsi
	leave
	ret
