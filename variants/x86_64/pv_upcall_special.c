/*
 * pv-upcall-special: the event upcall of a 64-bit Xen PV guest through
 * IDTENTRY, with [xen-pv-idtentry]'s patch as posted: a Xen case inside the
 * generic __idtentry_exit(), in its branch for a return to kernel mode with
 * interrupts on, taken only by the upcall (preempt_hcall):
 *
 *	} else if (IS_ENABLED(CONFIG_XEN_PV)) {
 *		if (preempt_hcall) {
 *			rcu_irq_exit_preempt();
 *			xen_maybe_preempt_hcall();
 *			trace_hardirqs_on();
 *			return;
 *		}
 *
 * xen_maybe_preempt_hcall() is drivers/xen/preempt.c's: with the per-CPU
 * flag set and a reschedule pending, it clears the flag, enables
 * interrupts, cond_resched(), disables them and sets the flag again.  The
 * thread shows only that hunk: that the upcall passes preempt_hcall = true
 * and the flag is left to xen_maybe_preempt_hcall(), as the old assembly
 * upcall did, is this model's reading.  RCU and tracing: not modelled.
 *
 * Planted faults (EB_INJECT=pv-upcall-special:<name>, bench-kernel/CMakeLists.txt):
 *   no-clear   xen_maybe_preempt_hcall() keeps the flag set while it
 *              schedules (EB_INJECT_FAULT_NO_CLEAR): an upcall nested in
 *              the window, or one in the other task, preempts as if it
 *              had interrupted the hypercall;
 *   ack-order  the event handler takes the pending ports before it clears
 *              upcall_pending (EB_INJECT_FAULT_ACK_ORDER, pv_upcall.h):
 *              an event raised in between is never delivered.
 */
#include "variant.h"
#include <arch/pv_upcall.h>

void pv_upcall_special_callback(void), pv_upcall_special_end(void);

static __user_text void xen_maybe_preempt_hcall(void)
{
	if (pv_in_preemptible_hcall && pv_need_resched) {
#ifndef EB_INJECT_FAULT_NO_CLEAR
		pv_in_preemptible_hcall = false;	/* "we may be rescheduled on a different cpu" */
#endif
		xen_irq_enable();
		if (pv_need_resched)			/* cond_resched() */
			schedule();
		xen_irq_disable();
		pv_in_preemptible_hcall = true;
	}
}

/* __idtentry_exit() for a return to kernel mode, as far as the model goes */
static __user_text void idtentry_exit(struct pt_regs *regs, bool preempt_hcall)
{
	if (!regs_irqs_enabled(regs))
		return;			/* rcu_irq_exit() only */
	/* !CONFIG_PREEMPTION: no irqentry_exit_cond_resched() */
	if (preempt_hcall)
		xen_maybe_preempt_hcall();
}

static __user_text void __xen_pv_evtchn_do_upcall(void)
{
	evtchn_do_upcall();
}

__user_text void xen_pv_evtchn_do_upcall_special(struct pt_regs *regs)
{
	/* idtentry_enter(), set_irq_regs(): RCU, lockdep, tracing only */
	run_on_irqstack_cond(__xen_pv_evtchn_do_upcall);
	idtentry_exit(regs, true);
}

static const struct upcall_design design = {
	.callback = pv_upcall_special_callback,
	.callback_end = pv_upcall_special_end,
	.preempts = true,
};

UPCALL_CASE(outside, &design, UPCALL_OUTSIDE)
UPCALL_CASE(hcall, &design, UPCALL_HCALL)
UPCALL_CASE(resched, &design, UPCALL_RESCHED)

#define SOURCE	"[xen-pv-idtentry] (V6 10/37 as posted: __idtentry_exit()'s Xen case, " \
		"xen_maybe_preempt_hcall()); Linux drivers/xen/preempt.c"

UPCALL_COMMON_VARIANTS(pv_upcall_special, "pv-upcall-special", "Xen case in the generic exit", SOURCE);

VARIANT(pv_upcall_special_resched) = {
	.name = "pv-upcall-special-resched",
	.family = FAMILY_PV,
	.models = "A reschedule event halfway through a preemptible hypercall: the upcall's "
		  "exit schedules to a second task and back inside the hypercall, which then "
		  "restarts; design: Xen case in the generic exit",
	.source = SOURCE,
	.cpl = 3,
	.clobbers = REG_BIT(REG_DI) | REG_BIT(REG_SI),
	.result = PV_HC_ANSWER,
	.setup = resched_setup,
	.trip = pv_preemptible_trip,
	.check = resched_check,
	.upcall = &resched,
};
