#include "variant.h"
#include <arch/desc.h>
#include <arch/traps.h>

void asm_exc_invalid_op_minimal(void);

static void setup(void)
{
	idt_set_gate(X86_TRAP_UD, asm_exc_invalid_op_minimal, 0, 0);
}

VARIANT(ud2_warn) = {
	.name = "ud2-warn",
	.family = FAMILY_EXCEPTION,
	.models = "#UD from user mode (UD2), minimal handler that steps over the instruction "
		  "as handle_bug() does for a kernel WARN(), IRETQ exit: the cost of #UD delivery "
		  "and return, not Linux's handling of a user #UD (SIGILL)",
	.source = "Intel SDM UD2 and fault delivery; the floor under Linux exc_invalid_op()/"
		  "handle_bug() (kernel-mode WARN() only)",
	.cpl = 3,
	.clobbers = 0,
	.result = X86_TRAP_UD,
	.setup = setup,
	.trip = user_ud2,
};
