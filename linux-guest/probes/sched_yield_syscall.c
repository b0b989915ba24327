/* sched_yield with nothing else runnable: the system call into schedule() and back. */
#include <sys/syscall.h>

#include "probe.h"

ASM_TRIP(sched_yield_trip,
	 "movl $" EB_STR(__NR_sched_yield) ", %eax\n\t"
	 "syscall");

static long zero(void)
{
	return 0;
}

PROBE(sched_yield_syscall) = {
	.name = "sched_yield-syscall",
	.family = "syscall",
	.models = "sched_yield through SYSCALL with no other runnable task: "
		  "do_sched_yield and schedule() picking the caller again",
	.source = "Linux kernel/sched/core.c do_sched_yield, schedule",
	.clobbers = REG_BIT(REG_CX) | REG_BIT(REG_R11),
	.expect = zero,
	.trip = sched_yield_trip,
};
