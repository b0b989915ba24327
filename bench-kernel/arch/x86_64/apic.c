/*
 * Self-NMIs through the local APIC.  The physical-destination form with our
 * own APIC ID, not the "self" shorthand: the SDM allows the self shorthand
 * only with the fixed delivery mode, and NMI is not fixed.
 */
#include "x86.h"
#include <arch/apic.h>

static volatile u32 *apic_reg(unsigned off)
{
	return (volatile u32 *)(unsigned long)(APIC_BASE + off);
}

void apic_init(void)
{
	u64 base = rdmsr(MSR_IA32_APICBASE);

	if (!(base & APICBASE_ENABLE))
		wrmsr(MSR_IA32_APICBASE, base | APICBASE_ENABLE);
	*apic_reg(APIC_SPIV) |= APIC_SPIV_ENABLE;
	/*
	 * LINT1 as NMI, unmasked, as firmware leaves it on a PC: QEMU's
	 * inject-nmi (eb.nmi=) raises LINT1, and drops it while it is masked,
	 * its reset state.
	 */
	*apic_reg(APIC_LVT_LINT1) = APIC_DM_NMI;
	/* The ICR high half keeps its value: trips only write the low half */
	*apic_reg(APIC_ICR2) = *apic_reg(APIC_ID) & 0xff000000;
}

/* Physical destination (ICR2, apic_init()): no "self" shorthand with NMI */
void apic_self_nmi(void)
{
	*apic_reg(APIC_ICR) = APIC_ICR_SELF_NMI;
}
