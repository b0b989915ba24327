#include "variant.h"
#include <arch/desc.h>
#include <arch/traps.h>

void asm_exc_int3(void);

static void setup(void)
{
	idt_set_gate(X86_TRAP_BP, asm_exc_int3, 3, 0);	/* DPL 3: INT3 from ring 3 */
}

VARIANT(int3_ptregs) = {
	.name = "int3-ptregs",
	.family = FAMILY_EXCEPTION,
	.models = "#BP from user mode into a Linux-style full-frame entry: SWAPGS, pt_regs, "
		  "C handler, IRETQ exit",
	.source = "Linux arch/x86/entry/entry_64.S idtentry, traps.c exc_int3()",
	.cpl = 3,
	.clobbers = 0,
	.result = X86_TRAP_BP,	/* only exc_int3() writes it, through pt_regs->ax */
	.setup = setup,
	.trip = user_int3,
};
