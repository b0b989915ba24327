#include "variant.h"
#include <arch/desc.h>
#include <arch/traps.h>

void asm_exc_int3_minimal(void);

static void setup(void)
{
	idt_set_gate(X86_TRAP_BP, asm_exc_int3_minimal, 3, 0);	/* DPL 3: INT3 from ring 3 */
}

VARIANT(int3) = {
	.name = "int3",
	.family = FAMILY_EXCEPTION,
	.models = "#BP from user mode: INT3 through a DPL-3 interrupt gate (hardware frame "
		  "on tss.sp0), minimal handler, IRETQ exit",
	.source = "Intel SDM INT3 and interrupt delivery; the floor under Linux asm_exc_int3/exc_int3()",
	.cpl = 3,
	.clobbers = 0,
	.result = X86_TRAP_BP,
	.setup = setup,
	.trip = user_int3,
};
