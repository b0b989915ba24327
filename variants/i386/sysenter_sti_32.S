/*
 * sysenter-sti-32: entry_SYSENTER_32 as Linux really returns from it
 * (arch/x86/entry/entry_32.S): restore every flag except IF, then
 * `sti; sysexit`.  STI enables interrupts only after the instruction that
 * follows it, so the pair is one unit: an interrupt pending in the kernel is
 * taken in user mode at the landing pad, never on the kernel stack after
 * the exit work was checked, where its own return to ring 0 would not look
 * for work it raised (a signal, a reschedule) again.  POPF has no such
 * shadow, and neither has STI if anything is put between the two -- the
 * VMI thread's "Sti; Sysexit is a required abstraction" ([vmi-hooks]).
 *
 * User mode gets IF = 1 back, as Linux's always has it; see the variant's
 * .c for what that means for the timed loop and how the shadow is checked.
 *
 * Planted fault no-shadow (EB_INJECT=sysenter-sti-32:no-shadow): a NOP
 * between STI and SYSEXIT, so the probe interrupt strikes ring 0: the
 * check must fail.
 */
#include <arch/calling.h>
#include <arch/desc.h>
#include "inject.h"
#include "sysenter_sti_32.h"

	.text
	.globl	entry_SYSENTER_32_sti
entry_SYSENTER_32_sti:
	INJECTED_COST
	/* Interrupts are off; the stack is the entry stack below the TSS */
	movl	TSS_sp0(%esp), %esp
	SYSENTER_SAVE_ALL

	pushl	%esp			/* regs */
	call	do_fast_syscall_32
	addl	$4, %esp
	testb	%al, %al
	jz	restore_all

	SYSEXIT_RESTORE_REGS
	btrl	$X86_EFLAGS_IF_BIT, (%esp)	/* POPFL must not enable interrupts ... */
	popfl
	sti					/* ... STI does, after the next instruction */
#ifdef EB_INJECT_FAULT_NO_SHADOW
	nop					/* planted: the interrupt strikes here */
#endif
	sysexit

/*
 * The checked trip's way in (setup() installs it, check() puts the plain
 * entry back for the timed trips): make the probe interrupt pending here,
 * where SYSENTER has just cleared IF, then take the entry above.  Not
 * before the trip: ring 3 runs the checked trip with IF = 1, so an
 * interrupt sent earlier strikes in ring 3 before the SYSENTER.  From here
 * IF stays 0 until the STI, and the interrupt waits in the IRR for it.
 */
	.globl	entry_SYSENTER_32_sti_probed
entry_SYSENTER_32_sti_probed:
	movl	$(APIC_DEST_SELF | VEC_STI_PROBE), APIC_BASE + APIC_ICR
	jmp	entry_SYSENTER_32_sti

/*
 * The probe: a fixed interrupt the checked trip's entry makes pending
 * (above; sysenter_sti_32.c judges).  It records the CS and EIP of the hardware frame
 * (EIP, CS, EFLAGS[, ESP, SS] whichever ring it struck), signals EOI and
 * returns; every register survives.
 */
	.globl	sti_probe_interrupt
sti_probe_interrupt:
	pushl	%eax
	movl	4+HW_EIP(%esp), %eax	/* interrupted EIP, above the saved %eax */
	movl	%eax, sti_probe_ip
	movl	4+HW_CS(%esp), %eax	/* interrupted CS */
	movl	%eax, sti_probe_cs
	incl	sti_probe_hits
	movl	$0, APIC_BASE + APIC_EOI
	popl	%eax
	iret
