/*
 * The timed loop and the register check, in the user region so that they
 * run in ring 3 (and equally in ring 0 for cpl-0 variants).  Both call the
 * round trip through a register or memory, never inline it: the overhead
 * batches run the same loop with empty_trip, so (ticks - overhead) / k is the
 * round trip alone.
 */
#include <arch/regs.h>

	.section .utext, "ax"

/* u64 time_trips(void (*trip)(void), u64 k): TSC ticks for k >= 1 trips */
	.globl	time_trips
time_trips:
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	movq	%rdi, %rbx
	movq	%rsi, %r12
	lfence				/* earlier instructions are done ... */
	rdtsc
	lfence				/* ... and the loop has not begun */
	shlq	$32, %rdx
	orq	%rdx, %rax
	movq	%rax, %r13
1:	call	*%rbx
	decq	%r12
	jnz	1b
	rdtscp				/* waits until the loop has retired */
	lfence				/* nothing after it starts early */
	shlq	$32, %rdx
	orq	%rdx, %rax
	subq	%r13, %rax
	popq	%r13
	popq	%r12
	popq	%rbx
	ret

	.globl	empty_trip
empty_trip:
	ret

/*
 * void check_trip(void (*trip)(void), unsigned long *before, unsigned long *after)
 *
 * Loads every register and RFLAGS from before[], makes one trip, stores
 * every register and RFLAGS to after[].  RSP is recorded, not loaded, on
 * both sides.  The trip is called through the stack because all registers
 * hold canaries at that point.
 */
	.globl	check_trip
check_trip:
	pushq	%rbx
	pushq	%rbp
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	subq	$8, %rsp		/* the trip starts 16-byte aligned, as from C */
	pushq	%rdx			/* after */
	pushq	%rdi			/* trip */

	movq	%rsp, REG_SP*8(%rsi)
	pushq	REG_FLAGS*8(%rsi)
	popfq
	movq	REG_AX*8(%rsi), %rax
	movq	REG_CX*8(%rsi), %rcx
	movq	REG_DX*8(%rsi), %rdx
	movq	REG_BX*8(%rsi), %rbx
	movq	REG_BP*8(%rsi), %rbp
	movq	REG_DI*8(%rsi), %rdi
	movq	REG_R8*8(%rsi), %r8
	movq	REG_R9*8(%rsi), %r9
	movq	REG_R10*8(%rsi), %r10
	movq	REG_R11*8(%rsi), %r11
	movq	REG_R12*8(%rsi), %r12
	movq	REG_R13*8(%rsi), %r13
	movq	REG_R14*8(%rsi), %r14
	movq	REG_R15*8(%rsi), %r15
	movq	REG_SI*8(%rsi), %rsi	/* last: it was the pointer */

	call	*(%rsp)

	pushfq				/* first: nothing below may change flags before this */
	pushq	%rsi
	movq	24(%rsp), %rsi		/* after */
	movq	%rax, REG_AX*8(%rsi)
	movq	%rcx, REG_CX*8(%rsi)
	movq	%rdx, REG_DX*8(%rsi)
	movq	%rbx, REG_BX*8(%rsi)
	movq	%rbp, REG_BP*8(%rsi)
	movq	%rdi, REG_DI*8(%rsi)
	movq	%r8, REG_R8*8(%rsi)
	movq	%r9, REG_R9*8(%rsi)
	movq	%r10, REG_R10*8(%rsi)
	movq	%r11, REG_R11*8(%rsi)
	movq	%r12, REG_R12*8(%rsi)
	movq	%r13, REG_R13*8(%rsi)
	movq	%r14, REG_R14*8(%rsi)
	movq	%r15, REG_R15*8(%rsi)
	popq	REG_SI*8(%rsi)
	popq	REG_FLAGS*8(%rsi)
	movq	%rsp, REG_SP*8(%rsi)	/* back at the trip slot, as before the call */

	addq	$24, %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	ret
