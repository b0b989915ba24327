#include "variant.h"
#include <arch/unistd.h>

void entry_SYSENTER_32(void);
void sysenter_init(void (*entry)(void));
const char *sysenter_unsupported(void);

static void setup(void)
{
	sysenter_init(entry_SYSENTER_32);
}

VARIANT(sysenter_32) = {
	.name = "sysenter-32",
	.family = FAMILY_SYSENTER,
	.models = "vDSO-convention SYSENTER (user EIP/ESP kept in the vDSO), full pt_regs frame, "
		  "C dispatch, SYSEXIT exit with EIP in EDX and ESP in ECX, IF restored by POPFL "
		  "(without the STI shadow: an interrupt window before SYSEXIT)",
	.source = "Linux arch/x86/entry/entry_32.S entry_SYSENTER_32, common.c do_fast_syscall_32(), "
		  "vdso32/system_call.S __kernel_vsyscall",
	.cpl = 3,
	.clobbers = 0,
	.result = GETPPID_ANSWER,
	.unsupported = sysenter_unsupported,
	.setup = setup,
	.trip = user_sysenter_getppid,
};
