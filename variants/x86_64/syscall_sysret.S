/*
 * syscall-sysret: the floor under every SYSCALL-based design.  SYSCALL, the
 * smallest body that answers getppid(), SYSRETQ.  No SWAPGS, no stack
 * switch, no frame: nothing a real kernel could get away with (an NMI or
 * #DB here would run on the user stack), which is the point of a floor.
 */
#include <arch/unistd.h>
#include "inject.h"

	.text
	.globl	entry_SYSCALL_64_minimal
entry_SYSCALL_64_minimal:
	INJECTED_COST
	movl	$GETPPID_ANSWER, %eax
	sysretq				/* RIP <- RCX, RFLAGS <- R11 */
