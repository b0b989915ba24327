/*
 * Ring 3 for the timed loop.  arch_run_user(fn, arg) saves the kernel's
 * callee-saved registers and stack pointer, IRETs to user_entry, which calls
 * fn(arg) on the user stack and then executes `int $VEC_USER_EXIT`.  That
 * gate's handler throws the interrupt frame away and returns from
 * arch_run_user() as if from a call: a longjmp through the IDT, independent
 * of whatever SYSCALL/INT 0x80 entry the variant under test has installed.
 * arch_run_user_irq() is the same with IF set in ring 3, as a Linux user
 * always has it: for the checked trip, whose canary holds IF (POPF at CPL 3
 * cannot set it).
 */
#include <processor-flags.h>
#include <arch/segment.h>

	.text
	.globl	arch_run_user, arch_run_user_irq
arch_run_user_irq:			/* (fn = %rdi, arg = %rsi) */
	movl	$(X86_EFLAGS_FIXED | X86_EFLAGS_IF), %edx
	jmp	1f
arch_run_user:				/* (fn = %rdi, arg = %rsi) */
	movl	$X86_EFLAGS_FIXED, %edx	/* IF=0, no interrupt lands in a measurement */
1:	pushq	%rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	movq	%rsp, user_exit_rsp(%rip)

	pushq	$__USER_DS		/* ss */
	pushq	$user_stack_top		/* rsp */
	pushq	%rdx		/* rflags */
	pushq	$__USER_CS		/* cs */
	pushq	$user_entry		/* rip */
	swapgs				/* user mode runs with the user GS base */
	iretq

	.globl	user_exit
user_exit:				/* VEC_USER_EXIT gate, DPL 3 */
	swapgs
	movq	user_exit_rsp(%rip), %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	ret

	.section .utext, "ax"
user_entry:
	movq	%rdi, %rax
	movq	%rsi, %rdi
	call	*%rax
	int	$VEC_USER_EXIT
	ud2

	.bss
	.balign 8
user_exit_rsp:
	.skip	8

	.section .udata, "aw"
	.balign 16
	.globl	user_stack_bottom
user_stack_bottom:
	.skip	16384
	.globl	user_stack_top
user_stack_top:
