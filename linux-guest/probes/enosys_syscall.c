/*
 * An invalid system-call number through SYSCALL: entry and exit with no
 * system call between them (do_syscall_64 answers -ENOSYS itself).
 */
#include <errno.h>

#include "probe.h"

/* Far above any x86_64 number, without the x32 bit (0x40000000). */
#define NR_INVALID	4095

ASM_TRIP(enosys_syscall_trip,
	 "movl $" EB_STR(NR_INVALID) ", %eax\n\t"
	 "syscall");

static long enosys(void)
{
	return -ENOSYS;
}

PROBE(enosys_syscall) = {
	.name = "enosys-syscall",
	.family = "syscall",
	.peer = "syscall-ptregs",
	.models = "system call number 4095 through SYSCALL: entry_SYSCALL_64 and "
		  "the exit path with no system call, -ENOSYS from do_syscall_64",
	.source = "Linux arch/x86/entry/common.c do_syscall_64, do_syscall_x64",
	.clobbers = REG_BIT(REG_CX) | REG_BIT(REG_R11),
	.expect = enosys,
	.trip = enosys_syscall_trip,
};
