#include "variant.h"
#include <arch/pv.h>
#include <arch/segment.h>

void pv_kernel_null_hypercall(void);

static void setup(void)
{
	pv_setup(true);
	pv_watch_cs(pv_kernel_null_hypercall);	/* the check sees its ring, the timed trips nothing */
}

/* Ring 3, and the hypervisor still thinks the guest kernel is running. */
static const char *check(void)
{
	const char *why = pv_check_cs(__USER_CS);

	if (!why && !pv_vcpu.kernel_mode)
		why = "the hypervisor left guest kernel mode during a hypercall";
	return why;
}

VARIANT(pv_hypercall_page) = {
	.name = "pv-hypercall-page",
	.family = FAMILY_PV,
	.models = "A null hypercall from a ring-3 64-bit PV kernel through the hypercall page "
		  "(Xen's 32-byte SYSCALL stubs) to the ring-0 hypervisor and back by SYSRETQ",
	.source = "Xen x86_64 hypercall page and lstar_enter; [xen-pv-idtentry] "
		  "(CALL_NOSPEC to the hypercall page)",
	.cpl = 3,
	.clobbers = 0,
	.result = 0,		/* the null hypercall's answer */
	.setup = setup,
	.trip = pv_kernel_null_hypercall,
	.check = check,
};
