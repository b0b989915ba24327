#include "user.h"
#include "variant.h"
#include <arch/percpu.h>
#include <arch/unistd.h>

void pv_hypervisor_syscall_early(void);
void syscall_init(void (*entry)(void));

/* The hypervisor's view of its guest, shared with syscall_pv_late.c */
extern unsigned long pv_guest_kernel_sp, pv_guest_user_sp;

static void setup(void)
{
	pv_guest_kernel_sp = percpu.top_of_stack;	/* as HYPERVISOR_stack_switch registers it */
	pv_guest_user_sp = 0;
	percpu.rsp_scratch = 0;
	syscall_init(pv_hypervisor_syscall_early);
}

/*
 * The trip came in through the hypervisor stub (which saw the user RSP
 * below the trip's return address) and through the native entry after its
 * SWAPGS (which stored the RSP xen_syscall_target restored, the same).
 */
static const char *check(void)
{
	unsigned long user_sp = job.regs_before[REG_SP] - 8;

	if (pv_guest_user_sp != user_sp)
		return "the hypervisor stub did not see the trip's SYSCALL";
	if (percpu.rsp_scratch != user_sp)
		return "the native entry after SWAPGS did not get the user RSP back";
	return NULL;
}

VARIANT(syscall_pv_early) = {
	.name = "syscall-pv-early",
	.family = FAMILY_PV,
	.models = "Paravirtual SYSCALL as Linux's Xen PV code has it: an in-guest hypervisor stub "
		  "does SWAPGS, the stack switch and a bounce frame, xen_syscall_target undoes it "
		  "(user RSP back) and joins the native entry after its SWAPGS; SYSRETQ exit "
		  "(no privilege separation modelled)",
	.source = "[xen-pv-nmi] (xen_syscall_target, undo_xen_syscall, \"<-- NMI right here\"); "
		  "Linux arch/x86/xen/xen-asm.S, entry_64.S entry_SYSCALL_64_after_swapgs",
	.cpl = 3,
	.clobbers = SYSCALL_CLOBBERS,
	.result = GETPPID_ANSWER,
	.setup = setup,
	.trip = user_syscall_getppid,
	.check = check,
};
