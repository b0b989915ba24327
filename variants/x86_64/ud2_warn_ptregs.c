#include "variant.h"
#include <arch/desc.h>
#include <arch/traps.h>

void asm_exc_invalid_op(void);

static void setup(void)
{
	idt_set_gate(X86_TRAP_UD, asm_exc_invalid_op, 0, 0);
}

VARIANT(ud2_warn_ptregs) = {
	.name = "ud2-warn-ptregs",
	.family = FAMILY_EXCEPTION,
	.models = "#UD from user mode (UD2) into a Linux-style full-frame entry: SWAPGS, pt_regs, "
		  "C handler that checks for UD2 and steps over it as handle_bug() does for a kernel "
		  "WARN() (a user #UD gets SIGILL in Linux), IRETQ exit",
	.source = "Linux arch/x86/entry/entry_64.S idtentry, traps.c exc_invalid_op() and handle_bug()",
	.cpl = 3,
	.clobbers = 0,
	.result = X86_TRAP_UD,	/* only exc_invalid_op() writes it, through pt_regs->ax */
	.setup = setup,
	.trip = user_ud2,
};
