/*
 * nmi-ist-xor: setup and descriptor of [ist-xor]'s IST halves
 * flipped with XOR (Bonzini 2020, for #VE), applied to NMI.  The entry, and
 * why the torture finds it unsafe for NMI: nmi_ist_xor.S.
 */
#include "variant.h"
#include <arch/desc.h>
#include <arch/nmi.h>
#include "syscall_gap.h"

void asm_exc_nmi_xor(void), asm_exc_nmi_xor_end(void);

#define XOR_TOP		((unsigned long)NMI_STACK_TOP - 16)

/*
 * [ist-xor] argues it safe (for #VE); for NMI the torture finds where it is
 * not (nmi_ist_xor.S, variants/README.md), the same windows in each sweep
 * once a replay runs with NMIs open (sweep and sweep-pf reach it through a
 * first NMI of the sweep's, sweep-bp at once):
 *
 *   +0x11..+0x20  the replay's prologue: it re-enters itself forever
 *   +0x23..+0x3d  ... it resumes the interrupted code on the NMI stack
 *                 (a #PF with no fixup)
 *   +0x74..+0x9d  the exit after a nested NMI, IRETQ included, returns into
 *                 itself forever; in sweep only +0x74, and only in a
 *                 replay's exit (sweep-bp and sweep-pf nest at once); +0x9d
 *                 the nested path, in a replay that took itself for nested
 *   +0xa4..+0xbc  ... whose frame rewrite, interrupted, loses the RAX it saved
 *   +0xc4..+0xc5  ... and whose IRETQ, interrupted, returns into itself
 *
 * And in every SYSCALL gap with RSP into the NMI stack (the "-ist" gap
 * scenarios): "saved RSP comes from the IST" is the user's RSP there, so a
 * first NMI takes itself for nested, rewrites a frame nobody has, and the
 * handler never runs for it ("lost").
 */
#define XOR_WINDOWS(sweep) \
	NMI_PIN_WINDOW(sweep, asm_exc_nmi_xor, 0x11, 0x20, "entries"), \
	NMI_PIN_WINDOW(sweep, asm_exc_nmi_xor, 0x23, 0x3d, "pf"), \
	NMI_PIN_WINDOW(sweep, asm_exc_nmi_xor, 0xa4, 0xbc, "rax"), \
	NMI_PIN_WINDOW(sweep, asm_exc_nmi_xor, 0xc4, 0xc5, "steps")

static const struct nmi_pin pins[] = {
	XOR_WINDOWS("sweep"),
	NMI_PIN_WINDOW("sweep", asm_exc_nmi_xor, 0x74, 0x74, "steps"),
	NMI_PIN_WINDOW("sweep", asm_exc_nmi_xor, 0x9d, 0x9d, "steps"),
	XOR_WINDOWS("sweep-bp"),
	NMI_PIN_WINDOW("sweep-bp", asm_exc_nmi_xor, 0x74, 0x9d, "steps"),
	XOR_WINDOWS("sweep-pf"),
	NMI_PIN_WINDOW("sweep-pf", asm_exc_nmi_xor, 0x74, 0x9d, "steps"),
	GAP_WINDOWS("-ist", "lost"),
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
