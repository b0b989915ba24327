/*
 * Ring 3 for the timed loop.  arch_run_user(fn, arg) saves the kernel's
 * callee-saved registers and stack pointer, IRETs to user_entry, which calls
 * fn(arg) on the user stack and then executes `int $VEC_USER_EXIT`.  That
 * gate's handler throws the interrupt frame away and returns from
 * arch_run_user() as if from a call: a longjmp through the IDT, independent
 * of whatever INT 0x80 / SYSENTER entry the variant under test has installed.
 * arch_run_user_irq() is the same with IF set in ring 3, as a Linux user
 * always has it: for the checked trip, whose canary holds IF (POPF at CPL 3
 * cannot set it).
 * %ds and %es already hold __USER_DS (segment.h), so the IRET keeps them.
 */
#include <processor-flags.h>
#include <arch/segment.h>

	.text
	.globl	arch_run_user, arch_run_user_irq
arch_run_user_irq:			/* (fn = 4(%esp), arg = 8(%esp)) */
	movl	$(X86_EFLAGS_FIXED | X86_EFLAGS_IF), %ecx
	jmp	1f
arch_run_user:				/* (fn = 4(%esp), arg = 8(%esp)) */
	movl	$X86_EFLAGS_FIXED, %ecx	/* IF=0, no interrupt lands in a measurement */
1:	movl	4(%esp), %eax
	movl	8(%esp), %edx
	pushl	%ebp
	pushl	%ebx
	pushl	%esi
	pushl	%edi
	movl	%esp, user_exit_esp

	pushl	$__USER_DS		/* ss */
	pushl	$user_stack_top		/* esp */
	pushl	%ecx			/* eflags */
	pushl	$__USER_CS		/* cs */
	pushl	$user_entry		/* eip */
	iret

	.globl	user_exit
user_exit:				/* VEC_USER_EXIT gate, DPL 3 */
	movl	user_exit_esp, %esp
	popl	%edi
	popl	%esi
	popl	%ebx
	popl	%ebp
	ret

	.section .utext, "ax"
user_entry:				/* fn in %eax, arg in %edx */
	pushl	%edx
	call	*%eax
	int	$VEC_USER_EXIT
	ud2

	.bss
	.balign 4
user_exit_esp:
	.skip	4

	.section .udata, "aw"
	.balign 16
	.skip	16384
	.globl	user_stack_top
user_stack_top:
