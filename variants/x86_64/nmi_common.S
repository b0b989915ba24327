/*
 * The round trip of every NMI design, in ring 0: send this CPU an NMI
 * and wait until the handler has run, so that the trip is complete (and,
 * under TCG icount, deterministic) when it returns.
 */
#include <arch/apic.h>
#include <arch/nmi.h>

#define NMI_WAIT_BOUND	100000		/* a lost NMI fails the check, not the boot */

	.text
/*
 * void nmi_trip(void): %rax = handler runs during the trip, 1 if all is
 * well.  Clobbers %rcx.
 */
	.globl	nmi_trip
nmi_trip:
	pushfq				/* the wait loop's flags must not leak out */
	pushq	nmi_stat+NMI_STAT_handled(%rip)	/* runs before the trip */
	incq	nmi_stat+NMI_STAT_sent(%rip)
	movl	$APIC_ICR_SELF_NMI, %eax
	movabsl	%eax, APIC_BASE + APIC_ICR
	movl	$NMI_WAIT_BOUND, %eax
1:	decl	%eax
	jz	2f
	movq	nmi_stat+NMI_STAT_handled(%rip), %rcx
	cmpq	nmi_stat+NMI_STAT_sent(%rip), %rcx
	jb	1b
2:	movq	nmi_stat+NMI_STAT_handled(%rip), %rax
	subq	(%rsp), %rax
	addq	$8, %rsp
	popfq
	ret
