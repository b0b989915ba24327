#include "variant.h"
#include <arch/unistd.h>

void entry_SYSCALL_64_ptregs(void);
void syscall_init(void (*entry)(void));

static void setup(void)
{
	syscall_init(entry_SYSCALL_64_ptregs);
}

VARIANT(syscall_ptregs) = {
	.name = "syscall-ptregs",
	.family = FAMILY_SYSCALL,
	.models = "Linux-style SYSCALL entry: SWAPGS, stack switch, full pt_regs, "
		  "C dispatch through the syscall table, SYSRETQ exit",
	.source = "Linux arch/x86/entry/entry_64.S entry_SYSCALL_64 and common.c do_syscall_64()",
	.cpl = 3,
	.clobbers = SYSCALL_CLOBBERS,
	.result = GETPPID_ANSWER,
	.setup = setup,
	.trip = user_syscall_getppid,
};
