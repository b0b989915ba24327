#include "variant.h"
#include <arch/desc.h>
#include <arch/pv.h>
#include <arch/segment.h>
#include <arch/unistd.h>

void pv_int80_null_hypercall(void);

static void setup(void)
{
	pv_setup();
	idt_set_ring1_trap_gate(0x80, pv_int80_null_hypercall, 3);
	pv_watch_cs(pv_int80_null_hypercall);	/* the check sees its ring, the timed trips nothing */
}

static const char *check(void)
{
	return pv_check_cs(__PV_KERNEL_CS);
}

VARIANT(pv_hypercall_page_32) = {
	.name = "pv-hypercall-page-32",
	.family = FAMILY_PV,
	.models = "A null hypercall from the ring-1 PV kernel through the hypercall page "
		  "(INT $0x82 stub, Xen's 32-byte layout); entered from ring 3 by the fast trap, "
		  "left by IRET",
	.source = "Xen x86_32 hypercall page (hypercall_page_initialise) and hypercall entry; "
		  "[xen-pv-idtentry]",
	.cpl = 3,
	.clobbers = 0,
	.result = 0,		/* the null hypercall's answer replaced the number */
	.setup = setup,
	.trip = user_int80_getppid,
	.check = check,
};
