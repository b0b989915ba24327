#include "variant.h"
#include <arch/nmi.h>

void asm_exc_nmi_plain(void), asm_exc_nmi_plain_end(void);

/*
 * Unsafe, as it claims: a nested NMI overwrites the frame at the IST top.
 * bp: the handler's int3 lets NMI 2 in, whose frame replaces NMI 1's, so
 * NMI 1 "returns" into the handler and the interrupted handler resumes
 * twice; pf: the same through the handler's #PF.  A swept NMI anywhere after the handler
 * ran (+0x23, the CR2 check, to +0x4a, IRETQ), in every sweep, returns into
 * the exit itself forever (the single-step bound).
 */
static const struct nmi_pin pins[] = {
	NMI_PIN("bp", "twice"),
	NMI_PIN("pf", "twice"),
	NMI_PIN_WINDOW("sweep", asm_exc_nmi_plain, 0x23, 0x4a, "steps"),
	NMI_PIN_WINDOW("sweep-bp", asm_exc_nmi_plain, 0x23, 0x4a, "steps"),
	NMI_PIN_WINDOW("sweep-pf", asm_exc_nmi_plain, 0x23, 0x4a, "steps"),
	{ NULL },
};

static const struct nmi_design design = {
	.entry = asm_exc_nmi_plain,
	.entry_end = asm_exc_nmi_plain_end,
	.ist = IST_NMI,
	.pins = pins,
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
	.clobbers = REG_BIT(REG_R10) | REG_BIT(REG_R11),
	.keeps_result = true,
	.setup = setup,
	.trip = nmi_trip,
	.check = nmi_check_counts,
	.nmi = &design,
};
