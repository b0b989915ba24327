/*
 * Self-NMIs through the local APIC.  The physical-destination form with our
 * own APIC ID is used rather than the "self" shorthand, which is not
 * reliable for NMIs on hardware (issue 5 asks for the physical form).
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

void apic_self_nmi(void)
{
	*apic_reg(APIC_ICR) = APIC_ICR_SELF_NMI;
}
