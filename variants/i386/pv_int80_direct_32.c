#include "variant.h"
#include <arch/desc.h>
#include <arch/pv.h>
#include <arch/segment.h>
#include <arch/unistd.h>

void pv_int80_direct(void);

static void setup(void)
{
	pv_setup();
	idt_set_ring1_trap_gate(0x80, pv_int80_direct, 3);
	pv_watch_cs(pv_int80_direct);	/* the check sees its ring, the timed trips nothing */
}

static const char *check(void)
{
	return pv_check_cs(__PV_KERNEL_CS);
}

VARIANT(pv_int80_direct_32) = {
	.name = "pv-int80-direct-32",
	.family = FAMILY_PV,
	.models = "32-bit Xen PV fast trap: INT $0x80 through a DPL-3 trap gate straight into "
		  "the ring-1 PV kernel (tss.ss1:sp1), int80-32's pt_regs body, IRET from ring 1; "
		  "no hypervisor on the path",
	.source = "Xen set_trap_table direct trap (x86_32 int80 fast path); [xen-pv-idtentry]; "
		  "Linux entry_INT80_32",
	.cpl = 3,
	.clobbers = 0,
	.result = GETPPID_ANSWER,
	.setup = setup,
	.trip = user_int80_getppid,
	.check = check,
};
