#include "variant.h"
#include <arch/desc.h>
#include <arch/unistd.h>

void entry_INT80_32(void);

static void setup(void)
{
	idt_set_gate(0x80, entry_INT80_32, 3);
}

VARIANT(int80_32) = {
	.name = "int80-32",
	.family = FAMILY_INT80,
	.models = "INT $0x80 through a DPL-3 interrupt gate, full pt_regs frame (SAVE_ALL), "
		  "C dispatch through the i386 syscall table, IRET exit",
	.source = "Linux arch/x86/entry/entry_32.S entry_INT80_32 and common.c do_int80_syscall_32()",
	.cpl = 3,
	.clobbers = 0,
	.result = GETPPID_ANSWER,
	.setup = setup,
	.trip = user_int80_getppid,
};
