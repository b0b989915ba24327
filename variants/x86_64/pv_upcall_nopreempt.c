/*
 * pv-upcall-nopreempt: the event upcall of a 64-bit Xen PV guest through
 * IDTENTRY, with design A of [xen-pv-idtentry]: "Just delete all of this
 * code.  Preemptible hypercalls on non-preempt kernels will still process
 * interrupts but won't get preempted."  The upcall acknowledges its event
 * and returns; a reschedule it leaves pending waits until the hypercall is
 * done (pv_preemptible_trip's cond_resched()).  The trip still sets and
 * clears the per-CPU flag, as the other designs' do, so that the figures
 * differ by the upcall alone; design A would drop those two stores too.
 *
 * Planted faults (EB_INJECT=pv-upcall-nopreempt:<name>, bench-kernel/CMakeLists.txt):
 *   skip-restart  the handler steps the interrupted RIP over a SYSCALL in
 *                 the hypercall page, as if the hypercall were over
 *                 (EB_INJECT_FAULT_SKIP_RESTART): the rewound hypercall is
 *                 never restarted and returns the wrong answer;
 *   preempts      it preempts the hypercall after all, safely (IF tested,
 *                 the flag cleared around the switch;
 *                 EB_INJECT_FAULT_PREEMPTS):
 *                 the torture has nothing to say, the -resched variant's
 *                 check that the design does what it claims does.
 */
#include "variant.h"
#include <arch/pv_upcall.h>

void pv_upcall_nopreempt_callback(void), pv_upcall_nopreempt_end(void);

static __user_text void __xen_pv_evtchn_do_upcall(void)
{
	evtchn_do_upcall();
}

__user_text void xen_pv_evtchn_do_upcall_nopreempt(struct pt_regs *regs)
{
	/* idtentry_enter(), set_irq_regs(): RCU, lockdep, tracing only */
	run_on_irqstack_cond(__xen_pv_evtchn_do_upcall);
	/* idtentry_exit(): nothing more for kernel mode in a !PREEMPT kernel */
#ifdef EB_INJECT_FAULT_SKIP_RESTART
	{
		const u8 *insn = (const u8 *)regs->ip;

		if (insn >= (const u8 *)hypercall_page &&
		    insn < (const u8 *)hypercall_page + sizeof(hypercall_page) &&
		    insn[0] == 0x0f && insn[1] == 0x05)
			regs->ip += 2;
	}
#else
	(void)regs;
#endif
#ifdef EB_INJECT_FAULT_PREEMPTS
	if (pv_in_preemptible_hcall && pv_need_resched && regs_irqs_enabled(regs)) {
		pv_in_preemptible_hcall = false;
		preempt_schedule_irq();
		pv_in_preemptible_hcall = true;
	}
#endif
}

static const struct upcall_design design = {
	.callback = pv_upcall_nopreempt_callback,
	.callback_end = pv_upcall_nopreempt_end,
	.preempts = false,
};

UPCALL_CASE(outside, &design, UPCALL_OUTSIDE)
UPCALL_CASE(hcall, &design, UPCALL_HCALL)
UPCALL_CASE(resched, &design, UPCALL_RESCHED)

#define SOURCE	"[xen-pv-idtentry] (design A: Just delete all of this code)"

UPCALL_COMMON_VARIANTS(pv_upcall_nopreempt, "pv-upcall-nopreempt", "never preempt a hypercall", SOURCE);

VARIANT(pv_upcall_nopreempt_resched) = {
	.name = "pv-upcall-nopreempt-resched",
	.family = FAMILY_PV,
	.models = "A reschedule event halfway through a preemptible hypercall: the upcall "
		  "leaves it pending, the hypercall restarts and completes, and the task "
		  "switches to a second task and back after it; design: never preempt",
	.source = SOURCE,
	.cpl = 3,
	.clobbers = REG_BIT(REG_DI) | REG_BIT(REG_SI),
	.result = PV_HC_ANSWER,
	.setup = resched_setup,
	.trip = pv_preemptible_trip,
	.check = resched_check,
	.upcall = &resched,
};
