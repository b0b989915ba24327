#include "user.h"
#include "variant.h"
#include <arch/percpu.h>
#include <arch/unistd.h>

void pv_hypervisor_syscall(void);
void syscall_init(void (*entry)(void));

/* The hypervisor's view of its guest (syscall_pv_late.S). */
unsigned long pv_guest_kernel_sp, pv_guest_user_sp;

static void setup(void)
{
	pv_guest_kernel_sp = percpu.top_of_stack;	/* as HYPERVISOR_stack_switch registers it */
	pv_guest_user_sp = 0;
	percpu.rsp_scratch = 0;
	syscall_init(pv_hypervisor_syscall);
}

/*
 * The trip must have come in through the hypervisor stub, which saw the
 * user RSP of the SYSCALL (below the trip's return address), and must have
 * skipped the native head, which would have stored it in rsp_scratch.
 */
static const char *check(void)
{
	if (pv_guest_user_sp != job.regs_before[REG_SP] - 8)
		return "the hypervisor stub did not see the trip's SYSCALL";
	if (percpu.rsp_scratch != 0)
		return "the native entry head ran: the trip did not join late";
	return NULL;
}

VARIANT(syscall_pv_late) = {
	.name = "syscall-pv-late",
	.family = FAMILY_PV,
	.models = "Paravirtual SYSCALL: an in-guest hypervisor stub does SWAPGS, the stack switch "
		  "and the hardware frame, then joins the native pt_regs entry after its frame "
		  "pushes; SYSRETQ exit (no privilege separation modelled)",
	.source = "[xen-pv-nmi] (A. Lutomirski, Xen PV: enter the native path after "
		  "swapgs and the frame); Linux entry_SYSCALL_64_after_hwframe",
	.cpl = 3,
	.clobbers = SYSCALL_CLOBBERS,
	.result = GETPPID_ANSWER,
	.setup = setup,
	.trip = user_syscall_getppid,
	.check = check,
};
