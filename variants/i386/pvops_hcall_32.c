#include "variant.h"
#include <arch/desc.h>
#include <arch/pv.h>
#include <arch/segment.h>
#include <arch/unistd.h>

void pvops_int80_hcall(void);

static void setup(void)
{
	pv_setup();
	idt_set_ring1_trap_gate(0x80, pvops_int80_hcall, 3);
	pv_watch_cs(pvops_int80_hcall);	/* the check sees its ring, the timed trips nothing */
}

static const char *check(void)
{
	return pv_check_cs(__PV_KERNEL_CS);
}

VARIANT(pvops_hcall_32) = {
	.name = "pvops-hcall-32",
	.family = FAMILY_PVOPS,
	.models = "int80 into a ring-1 PV kernel by the fast trap, with CLI and STI as hypercalls through the hypercall page and IRET as the iret hypercall",
	.source = "[vmi-hooks] (VMI: hook points calling hypervisor code at a fixed address); Xen HYPERVISOR_iret",
	.cpl = 3,
	.clobbers = 0,
	.result = GETPPID_ANSWER,
	.setup = setup,
	.trip = user_int80_getppid,
	.check = check,
};
