/*
 * sysenter-64: SYSENTER/SYSEXITQ in long mode, the floor under any design
 * built on them, as syscall-sysret is for SYSCALL.  SYSENTER loads CS and SS
 * from IA32_SYSENTER_CS, RSP from IA32_SYSENTER_ESP and RIP from
 * IA32_SYSENTER_EIP and saves nothing; the caller passes its return RIP in
 * RDX and RSP in RCX, which SYSEXITQ loads (Intel SDM).  Intel only: AMD
 * CPUs raise #UD for both in long mode.
 *
 * SYSENTER clears IF, VM and RF and leaves the other flags; SYSEXIT
 * restores none.  The bench's ring 3 runs with IF clear, so the smallest
 * body needs neither the `sti; sysexit` of a real kernel (reference thread
 * 003) nor a stack.
 */
#include <arch/unistd.h>
#include "inject.h"

	.text
	.globl	entry_SYSENTER_64_minimal
entry_SYSENTER_64_minimal:
	INJECTED_COST
	movl	$GETPPID_ANSWER, %eax
	sysexitq			/* RIP <- RDX, RSP <- RCX, CS/SS from SYSENTER_CS + 32/40 */
