#include "variant.h"
#include <arch/nmi.h>

void asm_exc_nmi_copied(void);

/* "NMI executing", T-56 on the IST stack (nmi_copied.S) */
#define NMI_EXECUTING	((u64 *)NMI_STACK_TOP - 7)

static void setup(void)
{
	nmi_setup(asm_exc_nmi_copied, IST_NMI, (unsigned long)NMI_STACK_TOP);
	*NMI_EXECUTING = 0;
}

static const char *check(void)
{
	if (*NMI_EXECUTING)
		return "\"NMI executing\" is still set after the trip";
	return nmi_check_counts();
}

VARIANT(nmi_copied) = {
	.name = "nmi-copied",
	.models = "Self-NMI through the APIC; nested-NMI-safe IST entry: outermost "
		  "and iret frame copies, NMI-executing flag, repeat_nmi, pt_regs, C handler",
	.source = "Linux arch/x86/entry/entry_64.S asm_exc_nmi (kernel-mode path)",
	.cpl = 0,
	.clobbers = REG_BIT(REG_CX),
	.result = 1,
	.setup = setup,
	.trip = nmi_trip,
	.check = check,
};
