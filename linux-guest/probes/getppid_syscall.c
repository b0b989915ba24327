/* getppid through SYSCALL: Linux's full system-call path with real work. */
#include <sys/syscall.h>

#include "probe.h"

ASM_TRIP(getppid_syscall_trip,
	 "movl $" EB_STR(__NR_getppid) ", %eax\n\t"
	 "syscall");

PROBE(getppid_syscall) = {
	.name = "getppid-syscall",
	.family = "syscall",
	.peer = "syscall-ptregs",
	.models = "getppid through SYSCALL: entry_SYSCALL_64 (SWAPGS, PTI CR3 switch "
		  "when on, pt_regs, mitigations), do_syscall_64 with "
		  "syscall_enter_from_user_mode and syscall_exit_to_user_mode, SYSRETQ",
	.source = "Linux arch/x86/entry/entry_64.S entry_SYSCALL_64, common.c do_syscall_64",
	.clobbers = REG_BIT(REG_CX) | REG_BIT(REG_R11),
	.expect = expected_parent,
	.trip = getppid_syscall_trip,
};
