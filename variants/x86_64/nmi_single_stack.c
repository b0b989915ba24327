/*
 * The plain entry of nmi_ist.S behind a gate without IST: the NMI frame
 * lands on the stack in use, below whatever it interrupted, so nested NMIs
 * simply nest.  This is the Xen PV situation of [xen-pv-nmi] (one registered
 * kernel stack, no IST), where none of the nesting machinery is needed.
 *
 * And where the thread's question comes true: in every SYSCALL gap the
 * stack in use is whatever the user left in RSP, so the NMI writes its frame
 * and the handler's stack below it (the torture points RSP at kernel
 * memory: "mem").  With RSP into the NMI stack nothing of this design's is
 * there, and it survives.
 */
#include "variant.h"
#include <arch/nmi.h>
#include "syscall_gap.h"

void asm_exc_nmi_plain(void), asm_exc_nmi_plain_end(void);

static const struct nmi_pin pins[] = {
	GAP_WINDOWS("", "mem"),
	{ NULL },
};

static const struct nmi_design design = {
	.entry = asm_exc_nmi_plain,
	.entry_end = asm_exc_nmi_plain_end,
	.ist = 0,
	.pins = pins,
};

static void setup(void)
{
	nmi_setup(&design, 0);
}

VARIANT(nmi_single_stack) = {
	.name = "nmi-single-stack",
	.family = FAMILY_NMI,
	.models = "Self-NMI through the APIC; NMI gate without IST, frame on the "
		  "current kernel stack, pt_regs, C handler, IRETQ (unsafe in the SYSCALL gap)",
	.source = "[xen-pv-nmi] (Xen PV: one kernel stack, no IST, NMIs nest normally)",
	.cpl = 0,
	.clobbers = REG_BIT(REG_R10) | REG_BIT(REG_R11),
	.keeps_result = true,
	.setup = setup,
	.trip = nmi_trip,
	.check = nmi_check_counts,
	.nmi = &design,
};
