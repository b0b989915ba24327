#include "variant.h"
#include <arch/nmi.h>

void asm_exc_nmi_plain(void);

static void setup(void)
{
	nmi_setup(asm_exc_nmi_plain, IST_NMI, (unsigned long)NMI_STACK_TOP);
}

VARIANT(nmi_ist) = {
	.name = "nmi-ist",
	.models = "Self-NMI through the APIC; NMI gate on a plain IST stack, pt_regs, "
		  "C handler, IRETQ (unsafe if NMIs nest)",
	.source = "Linux x86_64 NMI entry before 3.3 (paranoidentry on the NMI IST "
		  "stack); the hazard of thread 002",
	.cpl = 0,
	.clobbers = REG_BIT(REG_CX),
	.result = 1,
	.setup = setup,
	.trip = nmi_trip,
	.check = nmi_check_counts,
};
