#include "variant.h"
#include <arch/unistd.h>

void entry_SYSENTER_32_iret(void);
void sysenter_init(void (*entry)(void));
const char *sysenter_unsupported(void);

static void setup(void)
{
	sysenter_init(entry_SYSENTER_32_iret);
}

VARIANT(sysenter_iret_32) = {
	.name = "sysenter-iret-32",
	.family = FAMILY_SYSENTER,
	.models = "vDSO-convention SYSENTER, full pt_regs frame, C dispatch, "
		  "IRET exit to the vDSO landing pad (Linux's slow path when SYSEXIT is refused)",
	.source = "Linux arch/x86/entry/entry_32.S entry_SYSENTER_32 (.Lsyscall_32_done) "
		  "and common.c do_fast_syscall_32()",
	.cpl = 3,
	.clobbers = 0,
	.result = GETPPID_ANSWER,
	.unsupported = sysenter_unsupported,
	.setup = setup,
	.trip = user_sysenter_getppid,
};
