/*
 * What the timed trip contains: exactly Linux's exit, `sti; sysexit` every
 * time, so ring 3 runs with IF = 1 from the first trip on (no user
 * instruction can clear it again).  No interrupt is ever raised while the
 * loop runs -- the 8259 is masked, the IO-APIC entries are masked, the
 * local APIC timer is off (x86.h, mask_legacy_pic()) -- so the measurement
 * holds the STI and nothing else.  The checked trip starts in ring 3 with
 * IF = 1, as a Linux user does, and the generic EFLAGS comparison sees
 * that it comes back so.
 *
 * The shadow check: setup() points SYSENTER at a twin of the entry that
 * sends a self-IPI through the local APIC first, where SYSENTER has just
 * cleared IF (sysenter_sti_32.S).  It stays pending in the IRR until the
 * first STI, the one before the checked trip's SYSEXIT.  With the shadow
 * intact it is delivered at the SYSEXIT target, in ring 3, before the
 * landing pad's first instruction; with anything between STI and SYSEXIT
 * it strikes ring 0.  check() puts the plain entry back for the timed trips.
 */
#include "user.h"
#include "variant.h"
#include "x86.h"
#include <arch/desc.h>
#include <arch/segment.h>
#include <arch/unistd.h>
#include "sysenter_sti_32.h"

#define CPUID_1_EDX_APIC	(1u << 9)

void entry_SYSENTER_32_sti(void), entry_SYSENTER_32_sti_probed(void);
void sti_probe_interrupt(void);
void sysenter_init(void (*entry)(void));
const char *sysenter_unsupported(void);

unsigned long sti_probe_ip, sti_probe_cs, sti_probe_hits;

static void apic_write(unsigned reg, u32 v)
{
	*(volatile u32 *)(APIC_BASE + reg) = v;
}

static const char *unsupported(void)
{
	u32 a, b, c, d;

	cpuid(1, &a, &b, &c, &d);
	if (!(d & CPUID_1_EDX_APIC))
		return "the CPU model has no local APIC for the shadow probe";
	return sysenter_unsupported();
}

static void setup(void)
{
	sysenter_init(entry_SYSENTER_32_sti_probed);	/* the checked trip's */
	idt_set_gate(VEC_STI_PROBE, sti_probe_interrupt, 0);
	sti_probe_hits = 0;
	apic_write(APIC_SPIV, APIC_SPIV_APIC_ENABLED | VEC_SPURIOUS);
}

static const char *check(void)
{
	sysenter_init(entry_SYSENTER_32_sti);		/* the timed trips' */
	if (sti_probe_hits != 1)
		return "the interrupt pending at sti; sysexit was not delivered exactly once";
	if ((u16)sti_probe_cs != __USER_CS)
		return "the interrupt pending at sti; sysexit struck ring 0: "
		       "the STI shadow did not cover SYSEXIT";
	if (sti_probe_ip != (unsigned long)vsyscall_landing_pad)
		return "the interrupt pending at sti; sysexit struck ring 3 "
		       "elsewhere than the SYSEXIT target";
	return NULL;
}

VARIANT(sysenter_sti_32) = {
	.name = "sysenter-sti-32",
	.family = FAMILY_SYSENTER,
	.models = "vDSO-convention SYSENTER, full pt_regs frame, C dispatch, exit with all flags "
		  "but IF restored and sti; sysexit as one unit, returning to ring 3 with IF=1",
	.source = "Linux arch/x86/entry/entry_32.S entry_SYSENTER_32 opportunistic SYSEXIT; "
		  "VMI paravirt thread ([vmi-hooks]): Sti; Sysexit is a required abstraction",
	.cpl = 3,
	.clobbers = 0,
	.result = GETPPID_ANSWER,
	.unsupported = unsupported,
	.setup = setup,
	.trip = user_sysenter_getppid,
	.check = check,
};
