#include "variant.h"
#include <arch/nmi.h>
#include "nmi_copied.h"

void asm_exc_nmi_copied(void), asm_exc_nmi_copied_end(void);

static const struct nmi_design design = {
	.entry = asm_exc_nmi_copied,
	.entry_end = asm_exc_nmi_copied_end,
	.ist = IST_NMI,
};

/* The top of the IST stack, as nmi_copied.S lays it out */
#define STACK_TOP	((struct nmi_copied_top *)NMI_STACK_TOP - 1)

static void setup(void)
{
	nmi_setup(&design, (unsigned long)NMI_STACK_TOP);
	STACK_TOP->nmi_executing = 0;
}

static const char *check(void)
{
	if (STACK_TOP->nmi_executing)
		return "\"NMI executing\" is still set after the trip";
	return nmi_check_counts();
}

VARIANT(nmi_copied) = {
	.name = "nmi-copied",
	.family = FAMILY_NMI,
	.models = "Self-NMI through the APIC; nested-NMI-safe IST entry: outermost "
		  "and iret frame copies, NMI-executing flag, repeat_nmi, pt_regs, C handler",
	.source = "Linux arch/x86/entry/entry_64.S asm_exc_nmi (kernel-mode path)",
	.cpl = 0,
	.clobbers = REG_BIT(REG_R10) | REG_BIT(REG_R11),
	.keeps_result = true,
	.setup = setup,
	.trip = nmi_trip,
	.check = check,
	.nmi = &design,
};
