/*
 * The round trip of every NMI design, in ring 0: send this CPU an NMI
 * and wait until the handler has run, so that the trip is complete (and,
 * under TCG icount, deterministic) when it returns.
 *
 * The trip's own work must not hide what the NMI's exit did to the context
 * it interrupted: it writes no register but R10 and R11 (its clobbers),
 * increments with LEA and sends with a store of an immediate, so RFLAGS,
 * RAX, RCX and the rest are the caller's where the NMI lands, and the
 * check (harness.c) compares them all after the trip.  Under TCG the NMI
 * lands right after the ICR store; on hardware it may land in the wait
 * loop, where the arithmetic flags are the loop's: they are taken from
 * right after the store, every other flag as the trip ends (the loop never
 * touches them).
 */
#include <processor-flags.h>
#include <arch/apic.h>
#include <arch/nmi.h>

#define NMI_WAIT_BOUND	100000		/* a lost NMI fails the check, not the boot */
#define ARITH_FLAGS	(X86_EFLAGS_CF | X86_EFLAGS_PF | X86_EFLAGS_AF | X86_EFLAGS_ZF | \
			 X86_EFLAGS_SF | X86_EFLAGS_OF)

	.text
/* void nmi_trip(void): clobbers R10 and R11 only */
	.globl	nmi_trip
nmi_trip:
	movq	nmi_stat+NMI_STAT_handled(%rip), %r11	/* runs before the trip */
	movq	nmi_stat+NMI_STAT_sent(%rip), %r10
	leaq	1(%r10), %r10
	movq	%r10, nmi_stat+NMI_STAT_sent(%rip)
	/*
	 * The ICR's physical-destination form (apic.h): the SDM allows the
	 * "self" shorthand only with the fixed delivery mode, not NMI.
	 * addr32: the absolute address 0xfee00300, with no register.
	 */
	addr32 movl $APIC_ICR_SELF_NMI, APIC_BASE + APIC_ICR
	pushfq				/* under TCG the NMI has come and gone */
	movl	$NMI_WAIT_BOUND, %r10d
1:	cmpq	nmi_stat+NMI_STAT_handled(%rip), %r11
	jne	2f
	decl	%r10d
	jnz	1b
2:	pushfq
	popq	%r10
	andq	$~ARITH_FLAGS, %r10	/* the flags the loop never touched */
	popq	%r11
	andq	$ARITH_FLAGS, %r11	/* the arithmetic ones from before it */
	orq	%r11, %r10
	pushq	%r10
	popfq
	ret
