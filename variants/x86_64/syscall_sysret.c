#include "variant.h"
#include <arch/unistd.h>

void entry_SYSCALL_64_minimal(void);
void syscall_init(void (*entry)(void));

static void setup(void)
{
	syscall_init(entry_SYSCALL_64_minimal);
}

VARIANT(syscall_sysret) = {
	.name = "syscall-sysret",
	.family = FAMILY_SYSCALL,
	.models = "Bare SYSCALL/SYSRETQ round trip: no SWAPGS, no stack switch, no frame",
	.source = "Intel SDM / AMD APM SYSCALL and SYSRET; the lower bound under Linux entry_SYSCALL_64",
	.cpl = 3,
	.clobbers = SYSCALL_CLOBBERS,
	.result = GETPPID_ANSWER,
	.setup = setup,
	.trip = user_syscall_getppid,
};
