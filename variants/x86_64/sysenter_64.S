/*
 * sysenter-64: SYSENTER/SYSEXITQ in long mode, the floor under any design
 * built on them, as syscall-sysret is for SYSCALL.  SYSENTER loads CS and SS
 * from IA32_SYSENTER_CS, RSP from IA32_SYSENTER_ESP and RIP from
 * IA32_SYSENTER_EIP and saves nothing; the caller passes its return RIP in
 * RDX and RSP in RCX, which SYSEXITQ loads (Intel SDM).  Intel only: AMD
 * CPUs raise #UD for both in long mode.
 *
 * SYSENTER clears IF, VM and RF and leaves the other flags; SYSEXIT
 * restores none.  A user runs with IF set (Linux's always; the checked
 * trip too), so the smallest body that gives it back is the `sti; sysexit`
 * of a real kernel (reference thread [vmi-hooks], Linux's entry_32.S), and
 * it needs no stack.  STI first and SYSEXITQ right after it: STI's
 * interrupt shadow covers the next instruction, so an interrupt pending
 * in the kernel strikes in ring 3, at the return address, and never on
 * this entry's way out.
 *
 * Planted fault no-sti (EB_INJECT=sysenter-64:no-sti): the body without
 * the STI returns to ring 3 with IF = 0; the checked trip must fail on
 * rflags.
 */
#include <arch/unistd.h>
#include "inject.h"

	.text
	.globl	entry_SYSENTER_64_minimal
entry_SYSENTER_64_minimal:
	INJECTED_COST
	movl	$GETPPID_ANSWER, %eax
#ifndef EB_INJECT_FAULT_NO_STI
	sti				/* IF back, after the next instruction ... */
#endif
	sysexitq			/* ... from ring 0: RIP <- RDX, RSP <- RCX, */
					/* CS/SS from SYSENTER_CS + 32/40 */
