/*
 * pv-upcall-turned: the event upcall of a 64-bit Xen PV guest through
 * IDTENTRY, with design B of [xen-pv-idtentry], "Turn this thing around":
 *
 *	bool in_preemptible_hcall = __this_cpu_read(xen_in_preemptible_hcall);
 *	__this_cpu_write(xen_in_preemptible_hcall, false);
 *	idtentry_enter(...);
 *	do the acutal work;
 *	idtentry_exit(...);
 *	if (in_preemptible_hcall) {
 *		assert regs->flags & X86_EFLAGS_IF;
 *		assert that RCU is watching;
 *		assert that we're on the thread stack;
 *		if (need_resched())
 *			schedule();
 *	}
 *	__this_cpu_write(xen_in_preemptible_hcall, in_preemptible_hcall);
 *
 * The asserts are WARN_ON()s that skip the schedule, as in the version that
 * was merged (`inhcall && !WARN_ON_ONCE(state.exit_rcu)`); "on the thread
 * stack" includes "not on the IRQ stack"; RCU is not modelled.  schedule()
 * is preempt_schedule_irq(), since the exit runs with events masked (the
 * merged version's irqentry_exit_cond_resched()).
 *
 * Planted faults (EB_INJECT=pv-upcall-turned:<name>, bench-kernel/CMakeLists.txt):
 *   no-restore   the flag is never written back (EB_INJECT_FAULT_NO_RESTORE):
 *                the restarted hypercall is no longer preemptible;
 *   no-clear     the flag is read but not cleared (EB_INJECT_FAULT_NO_CLEAR):
 *                an upcall nested in the schedule window takes itself for
 *                the one that interrupted the hypercall;
 *   no-if-check  the IF assertion is left out (EB_INJECT_FAULT_NO_IF_CHECK):
 *                an upcall delivered with events masked would schedule.
 */
#include "variant.h"
#include <arch/pv_upcall.h>

void pv_upcall_turned_callback(void), pv_upcall_turned_end(void);

static __user_text void __xen_pv_evtchn_do_upcall(void)
{
	evtchn_do_upcall();
}

/* The asserts: false (and a warning counted) where scheduling is wrong */
static __user_text bool may_schedule(const struct pt_regs *regs)
{
#ifndef EB_INJECT_FAULT_NO_IF_CHECK
	if (!regs_irqs_enabled(regs)) {
		pv_upcall_warnings++;
		return false;
	}
#else
	(void)regs;
#endif
	if (!on_thread_stack() || pv_irq_count != -1) {
		pv_upcall_warnings++;
		return false;
	}
	return true;
}

__user_text void xen_pv_evtchn_do_upcall_turned(struct pt_regs *regs)
{
	bool inhcall = pv_in_preemptible_hcall;

#ifndef EB_INJECT_FAULT_NO_CLEAR
	pv_in_preemptible_hcall = false;
#endif
	/* idtentry_enter(), set_irq_regs(): RCU, lockdep, tracing only */
	run_on_irqstack_cond(__xen_pv_evtchn_do_upcall);
	/* idtentry_exit(): nothing more for kernel mode in a !PREEMPT kernel */
	if (inhcall && may_schedule(regs) && pv_need_resched)
		preempt_schedule_irq();
#ifndef EB_INJECT_FAULT_NO_RESTORE
	pv_in_preemptible_hcall = inhcall;
#endif
}

static const struct upcall_design design = {
	.callback = pv_upcall_turned_callback,
	.callback_end = pv_upcall_turned_end,
	.preempts = true,
};

UPCALL_CASE(outside, &design, UPCALL_OUTSIDE)
UPCALL_CASE(hcall, &design, UPCALL_HCALL)
UPCALL_CASE(resched, &design, UPCALL_RESCHED)

#define SOURCE	"[xen-pv-idtentry] (design B: Turn this thing around; Linux " \
		"xen_pv_evtchn_do_upcall() as merged)"

UPCALL_COMMON_VARIANTS(pv_upcall_turned, "pv-upcall-turned", "flag read and cleared at entry", SOURCE);

VARIANT(pv_upcall_turned_resched) = {
	.name = "pv-upcall-turned-resched",
	.family = FAMILY_PV,
	.models = "A reschedule event halfway through a preemptible hypercall: after the "
		  "generic exit the upcall schedules to a second task and back inside the "
		  "hypercall, which then restarts; design: flag read and cleared at entry",
	.source = SOURCE,
	.cpl = 3,
	.clobbers = REG_BIT(REG_DI) | REG_BIT(REG_SI),
	.result = PV_HC_ANSWER,
	.setup = resched_setup,
	.trip = pv_preemptible_trip,
	.check = resched_check,
	.upcall = &resched,
};
