/*
 * Stubs for the 32 exception vectors.  A variant installs its own gate for
 * the vectors it measures; everything else that arrives here is unexpected
 * and ends the run with a `panic` record (trap.c).
 *
 * Each stub completes the frame down to orig_ax and parks the vector in the
 * pt_regs->gs slot, where trap_common picks it up before saving the real
 * %gs there: Linux's handle_exception does the same with a handler address.
 */
#include <arch/calling.h>

.macro TRAP vector, has_error_code
	.balign 16
trap_\vector:
	.if !\has_error_code
	pushl	$0			/* pt_regs->orig_ax: no error code */
	.endif
	pushl	$\vector		/* pt_regs->gs, for now */
	jmp	trap_common
.endm

	.text
trap_common:
	SAVE_ALL skip_gs=1
	movl	PT_GS(%esp), %eax	/* the vector ... */
	movw	%gs, PT_GS(%esp)	/* ... makes room for %gs */
	pushl	%esp			/* regs */
	pushl	%eax			/* vector */
	call	do_trap			/* does not return */
	ud2

	/* Vectors 8, 10-14, 17, 21, 29 and 30 push an error code. */
	TRAP 0, 0
	TRAP 1, 0
	TRAP 2, 0
	TRAP 3, 0
	TRAP 4, 0
	TRAP 5, 0
	TRAP 6, 0
	TRAP 7, 0
	TRAP 8, 1
	TRAP 9, 0
	TRAP 10, 1
	TRAP 11, 1
	TRAP 12, 1
	TRAP 13, 1
	TRAP 14, 1
	TRAP 15, 0
	TRAP 16, 0
	TRAP 17, 1
	TRAP 18, 0
	TRAP 19, 0
	TRAP 20, 0
	TRAP 21, 1
	TRAP 22, 0
	TRAP 23, 0
	TRAP 24, 0
	TRAP 25, 0
	TRAP 26, 0
	TRAP 27, 0
	TRAP 28, 0
	TRAP 29, 1
	TRAP 30, 1
	TRAP 31, 0

	.section .rodata
	.balign 4
	.globl	trap_stubs
trap_stubs:
	.irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	.long	trap_\v
	.endr
