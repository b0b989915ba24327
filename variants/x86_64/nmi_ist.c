#include "variant.h"
#include <arch/nmi.h>

void asm_exc_nmi_plain(void), asm_exc_nmi_plain_end(void);

/* Unsafe, as it claims: a nested NMI overwrites the frame at the IST top */
static const struct nmi_design design = {
	.entry = asm_exc_nmi_plain,
	.entry_end = asm_exc_nmi_plain_end,
	.ist = IST_NMI,
	.expect_unsafe = true,
};

static void setup(void)
{
	nmi_setup(&design, (unsigned long)NMI_STACK_TOP);
}

VARIANT(nmi_ist) = {
	.name = "nmi-ist",
	.family = FAMILY_NMI,
	.models = "Self-NMI through the APIC; NMI gate on a plain IST stack, pt_regs, "
		  "C handler, IRETQ (unsafe if NMIs nest)",
	.source = "Linux x86_64 NMI entry before 3.3 (paranoidentry on the NMI IST "
		  "stack); the hazard of [nmi-fake-flag]",
	.cpl = 0,
	.clobbers = REG_BIT(REG_CX),
	.result = 1,
	.setup = setup,
	.trip = nmi_trip,
	.check = nmi_check_counts,
	.nmi = &design,
};
