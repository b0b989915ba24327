#include "user.h"
#include "variant.h"
#include "x86.h"
#include <arch/desc.h>
#include <arch/pv.h>
#include <arch/segment.h>
#include <arch/unistd.h>

void hypervisor_int80(void);
void pv_int80_bounced(void);

/*
 * Events start masked, as Xen starts a vCPU (and as the timed trips, whose
 * ring 3 has IF clear, leave them): the checked trip's user has IF set, so
 * the iret hypercall must unmask them, and a hypercall that left the mask
 * alone fails the check.
 */
static void setup(void)
{
	pv_setup();
	idt_set_gate(0x80, hypervisor_int80, 3);
	pv_vcpu.int80_handler = pv_int80_bounced;	/* the guest's set_trap_table */
	pv_vcpu.upcall_mask = 1;
	pv_watch_cs(pv_int80_bounced);	/* the check sees its ring, the timed trips nothing */
}

/*
 * Ring 1, and the iret hypercall ran: it took the virtual mask from the
 * user's EFLAGS.IF (Xen's do_iret: evtchn_upcall_mask = !IF).
 */
static const char *check(void)
{
	const char *why = pv_check_cs(__PV_KERNEL_CS);
	bool user_if = job.regs_before[REG_FLAGS] & X86_EFLAGS_IF;

	if (!why && pv_vcpu.upcall_mask != !user_if)
		why = "the iret hypercall did not set the virtual mask from the user's IF";
	return why;
}

VARIANT(pv_syscall_bounce_32) = {
	.name = "pv-syscall-bounce-32",
	.family = FAMILY_PV,
	.models = "32-bit Xen PV system call without the fast trap: INT $0x80 to the ring-0 "
		  "hypervisor, bounce frame onto the ring-1 PV kernel stack, int80-32's pt_regs "
		  "body in ring 1, return through the iret hypercall",
	.source = "Xen x86_32 create_bounce_frame and do_iret (HYPERVISOR_iret); reference "
		  "[xen-pv-idtentry] and [vmi-hooks]",
	.cpl = 3,
	.clobbers = 0,
	.result = GETPPID_ANSWER,
	.setup = setup,
	.trip = user_int80_getppid,
	.check = check,
};
