#include "variant.h"
#include <arch/desc.h>
#include <arch/unistd.h>

void entry_INT80_compat(void);

static void setup(void)
{
	idt_set_gate(0x80, entry_INT80_compat, 3, 0);
}

VARIANT(int80_ptregs) = {
	.name = "int80-ptregs",
	.family = FAMILY_INT80,
	.models = "INT $0x80 from 64-bit user mode into a Linux-style full-frame entry: SWAPGS, "
		  "pt_regs, C dispatch through the ia32 table, IRETQ exit",
	.source = "Linux arch/x86/entry/entry_64_compat.S entry_INT80_compat and "
		  "common.c do_int80_syscall_32()",
	.cpl = 3,
	.clobbers = 0,
	.result = GETPPID_ANSWER,	/* only the C dispatch writes it; the entry leaves -ENOSYS */
	.setup = setup,
	.trip = user_int80_getppid,
};
