#include "variant.h"
#include <arch/nmi.h>

void asm_exc_nmi_fake(void), asm_exc_nmi_fake_end(void);
extern u8 nmi_nesting, need_fake_nmi;

static const struct nmi_design design = {
	.entry = asm_exc_nmi_fake,
	.entry_end = asm_exc_nmi_fake_end,
	.ist = IST_NMI,
};

static void setup(void)
{
	nmi_setup(&design, (unsigned long)NMI_STACK_TOP);
	nmi_nesting = need_fake_nmi = 0;
}

static const char *check(void)
{
	if (nmi_nesting || need_fake_nmi)
		return "the nesting or need-fake-NMI flag is still set after the trip";
	return nmi_check_counts();
}

VARIANT(nmi_fake) = {
	.name = "nmi-fake",
	.family = FAMILY_NMI,
	.models = "Self-NMI through the APIC; IST entry copying frame and CR2, nesting flag, "
		  "need-fake-NMI flag rerunning the handler, atomic exit region",
	.source = "[nmi-fake-flag] (Torvalds/Desnoyers 2010, x86_64 page fault NMI-safe)",
	.cpl = 0,
	.clobbers = REG_BIT(REG_R10) | REG_BIT(REG_R11),
	.keeps_result = true,
	.setup = setup,
	.trip = nmi_trip,
	.check = check,
	.nmi = &design,
};
