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
 * [ist-xor] argues it safe; the torture finds two windows where it is not
 * (nmi_ist_xor.S, variants/README.md).  Expected unsafe, so that the exit
 * status of `run --torture nmi` flags a regression in the other designs.
 */
static const struct nmi_design design = {
	.entry = asm_exc_nmi_xor,
	.entry_end = asm_exc_nmi_xor_end,
	.ist = IST_NMI,
	.expect_unsafe = true,
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
	.clobbers = REG_BIT(REG_CX),
	.result = 1,
	.setup = setup,
	.trip = nmi_trip,
	.check = check,
	.nmi = &design,
};
