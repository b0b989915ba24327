/*
 * The local APIC in xAPIC mode, just enough to send this CPU an NMI
 * (apic.c).  paging.c maps the register page uncached.  Usable from C and
 * assembly: the NMI round trips write the ICR themselves.
 */
#ifndef ARCH_APIC_H
#define ARCH_APIC_H

#define APIC_BASE		0xfee00000
#define APIC_ID			0x020	/* bits 31:24: this CPU's APIC ID */
#define APIC_SPIV		0x0f0	/* spurious vector, bit 8: software enable */
#define  APIC_SPIV_ENABLE	(1 << 8)
#define APIC_LVT_LINT1		0x360	/* where QEMU's inject-nmi arrives */
#define APIC_ICR		0x300	/* writing the low half sends the IPI */
#define APIC_ICR2		0x310	/* bits 31:24: destination APIC ID */
#define  APIC_DM_NMI		(4 << 8)	/* delivery mode NMI, vector ignored */
#define  APIC_INT_ASSERT	(1 << 14)

/*
 * Physical destination, no shorthand: the high half must name us
 * (apic_init).  The SDM allows the "self" shorthand only with the fixed
 * delivery mode, not with NMI.
 */
#define APIC_ICR_SELF_NMI	(APIC_DM_NMI | APIC_INT_ASSERT)

#define MSR_IA32_APICBASE	0x1b
#define  APICBASE_ENABLE	(1 << 11)

#ifndef __ASSEMBLER__
/* Enable the APIC and aim the ICR at this CPU; idempotent, ring 0. */
void apic_init(void);
/* One NMI to this CPU; apic_init() must have run. */
void apic_self_nmi(void);
#endif

#endif
