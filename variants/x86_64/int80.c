#include "variant.h"
#include <arch/desc.h>
#include <arch/unistd.h>

void entry_INT80_minimal(void);

static void setup(void)
{
	idt_set_gate(0x80, entry_INT80_minimal, 3, 0);
}

VARIANT(int80) = {
	.name = "int80",
	.family = FAMILY_INT80,
	.models = "INT $0x80 through a DPL-3 interrupt gate (hardware frame on tss.sp0), "
		  "minimal body, IRETQ exit",
	.source = "Intel SDM interrupt delivery; the floor under Linux entry_INT80_compat",
	.cpl = 3,
	.clobbers = 0,
	.result = GETPPID_ANSWER,
	.setup = setup,
	.trip = user_int80_getppid,
};
