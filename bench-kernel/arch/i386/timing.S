/*
 * The timed loop and the register check, in the user region so that they
 * run in ring 3 (and equally in ring 0 for cpl-0 variants).  Both call the
 * round trip through a register or memory, never inline it: the overhead
 * batches run the same loop with empty_trip, so (ticks - overhead) / k is the
 * round trip alone.  cdecl: arguments on the stack, %ebx, %ebp, %esi and
 * %edi callee-saved, a u64 comes back in %edx:%eax.
 */
#include <arch/regs.h>

	.section .utext, "ax"

/*
 * u64 time_trips(void (*trip)(void), u64 k): TSC ticks for k >= 1 trips.
 * The count runs in %edi:%esi from k - 1 down to the borrow, so that a
 * 64-bit k costs one SBB per trip and no extra test.
 */
	.globl	time_trips
time_trips:
	pushl	%ebx
	pushl	%ebp
	pushl	%esi
	pushl	%edi
	subl	$4, %esp		/* start, high half */
	movl	20+4(%esp), %ebx	/* trip */
	movl	20+8(%esp), %esi	/* k, low */
	movl	20+12(%esp), %edi	/* k, high */
	subl	$1, %esi
	sbbl	$0, %edi
	lfence				/* earlier instructions are done ... */
	rdtsc
	lfence				/* ... and the loop has not begun */
	movl	%eax, %ebp
	movl	%edx, (%esp)
1:	call	*%ebx
	subl	$1, %esi
	sbbl	$0, %edi
	jnc	1b
	rdtscp				/* waits until the loop has retired */
	lfence				/* nothing after it starts early */
	subl	%ebp, %eax
	sbbl	(%esp), %edx
	addl	$4, %esp
	popl	%edi
	popl	%esi
	popl	%ebp
	popl	%ebx
	ret

	.globl	empty_trip
empty_trip:
	ret

/*
 * void check_trip(void (*trip)(void), unsigned long *before, unsigned long *after)
 *
 * Loads every register and EFLAGS from before[], makes one trip, stores
 * every register and EFLAGS to after[].  ESP is recorded, not loaded, on
 * both sides.  The trip is called through the stack because all registers
 * hold canaries at that point.
 */
	.globl	check_trip
check_trip:
	pushl	%ebx
	pushl	%ebp
	pushl	%esi
	pushl	%edi
	movl	16+4(%esp), %eax	/* trip */
	movl	16+8(%esp), %esi	/* before */
	movl	16+12(%esp), %edx	/* after */
	pushl	%edx
	pushl	%eax

	movl	%esp, REG_SP*4(%esi)
	pushl	REG_FLAGS*4(%esi)
	popfl
	movl	REG_AX*4(%esi), %eax
	movl	REG_CX*4(%esi), %ecx
	movl	REG_DX*4(%esi), %edx
	movl	REG_BX*4(%esi), %ebx
	movl	REG_BP*4(%esi), %ebp
	movl	REG_DI*4(%esi), %edi
	movl	REG_SI*4(%esi), %esi	/* last: it was the pointer */

	call	*(%esp)

	pushfl				/* first: nothing below may change flags before this */
	pushl	%esi
	movl	12(%esp), %esi		/* after: above the two pushes and the trip slot */
	movl	%eax, REG_AX*4(%esi)
	movl	%ecx, REG_CX*4(%esi)
	movl	%edx, REG_DX*4(%esi)
	movl	%ebx, REG_BX*4(%esi)
	movl	%ebp, REG_BP*4(%esi)
	movl	%edi, REG_DI*4(%esi)
	popl	REG_SI*4(%esi)
	popl	REG_FLAGS*4(%esi)
	movl	%esp, REG_SP*4(%esi)	/* back at the trip slot, as before the call */

	addl	$8, %esp
	popl	%edi
	popl	%esi
	popl	%ebp
	popl	%ebx
	ret
