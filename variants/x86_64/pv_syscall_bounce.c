#include "variant.h"
#include <arch/pv.h>
#include <arch/segment.h>
#include <arch/unistd.h>

void pv_kernel_syscall(void);

static void setup(void)
{
	pv_setup(false);			/* the timed job is guest user mode */
	pv_vcpu.syscall_callback = pv_kernel_syscall;	/* CALLBACKTYPE_syscall */
	pv_watch_cs(pv_kernel_syscall);	/* the check sees its ring, the timed trips nothing */
}

/* The callback ran in ring 3 and the iret hypercall took the guest back to user mode. */
static const char *check(void)
{
	const char *why = pv_check_cs(__USER_CS);

	if (!why && pv_vcpu.kernel_mode)
		why = "the hypervisor is still in guest kernel mode after the iret hypercall";
	return why;
}

VARIANT(pv_syscall_bounce) = {
	.name = "pv-syscall-bounce",
	.family = FAMILY_PV,
	.models = "64-bit Xen PV system call: SYSCALL from guest user to the ring-0 hypervisor, "
		  "bounce frame onto the PV kernel stack, SYSRETQ to its ring-3 callback, "
		  "return through the iret hypercall (VGCF_in_syscall) and SYSRETQ",
	.source = "Xen x86_64 lstar_enter/switch_to_kernel/create_bounce_frame and do_iret; "
		  "Linux xen_syscall_target and xen_sysret64; [xen-pv-nmi]",
	.cpl = 3,
	.clobbers = SYSCALL_CLOBBERS,
	.result = GETPPID_ANSWER,
	.setup = setup,
	.trip = user_syscall_getppid,
	.check = check,
};
