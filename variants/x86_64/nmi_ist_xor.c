/*
 * nmi-ist-xor: setup and descriptor of [ist-xor]'s IST halves
 * flipped with XOR (Bonzini 2020, for #VE), applied to NMI.  The entry, and
 * why the torture finds it unsafe for NMI: nmi_ist_xor.S.
 */
#include "variant.h"
#include <arch/desc.h>
#include <arch/nmi.h>

void asm_exc_nmi_xor(void), asm_exc_nmi_xor_end(void);

#define XOR_TOP		((unsigned long)NMI_STACK_TOP - 16)

/*
 * [ist-xor] argues it safe (for #VE); for NMI the torture finds two windows
 * where it is not, both in sweep-bp (nmi_ist_xor.S, variants/README.md),
 * and pins them: the replay's prologue, +0x11..+0x20 re-entering itself
 * forever and +0x23..+0x3d resuming the interrupted code on the NMI stack
 * (a #PF with no fixup), and the outer exit after a nested NMI,
 * +0x74..+0x9b, returning into itself forever.
 */
static const struct nmi_pin pins[] = {
	NMI_PIN_WINDOW("sweep-bp", asm_exc_nmi_xor, 0x11, 0x20, "entries"),
	NMI_PIN_WINDOW("sweep-bp", asm_exc_nmi_xor, 0x23, 0x3d, "pf"),
	NMI_PIN_WINDOW("sweep-bp", asm_exc_nmi_xor, 0x74, 0x9b, "steps"),
	{ NULL },
};

static const struct nmi_design design = {
	.entry = asm_exc_nmi_xor,
	.entry_end = asm_exc_nmi_xor_end,
	.ist = IST_NMI,
	.pins = pins,
};

static void setup(void)
{
	nmi_setup(&design, XOR_TOP);
}

static const char *check(void)
{
	unsigned long ist = tss.ist[IST_NMI - 1];

	if (ist != XOR_TOP && ist != (XOR_TOP ^ NMI_XOR_HALF))
		return "the IST slot points at neither half";
	return nmi_check_counts();
}

VARIANT(nmi_ist_xor) = {
	.name = "nmi-ist-xor",
	.family = FAMILY_NMI,
	.models = "Self-NMI through the APIC; IST split in two halves flipped with XOR on entry, "
		  "nested NMI replayed through a trampoline, pt_regs, C handler",
	.source = "[ist-xor] (Bonzini 2020, IST halves flipped with XOR, proposed for #VE)",
	.cpl = 0,
	.clobbers = REG_BIT(REG_R10) | REG_BIT(REG_R11),
	.keeps_result = true,
	.setup = setup,
	.trip = nmi_trip,
	.check = check,
	.nmi = &design,
};
