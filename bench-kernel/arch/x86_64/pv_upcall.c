/*
 * The PV kernel's side of the event upcall (pv_upcall.h): the parts the
 * three designs share, run in ring 3 (__user_text: no calls out of the user
 * region, no string constants), and the setup the upcall variants share.
 */
#include "lib.h"
#include <arch/pv_upcall.h>

__user_data bool pv_in_preemptible_hcall;
__user_data bool pv_need_resched;
__user_data int pv_irq_count;
__user_data u64 pv_evtchn_handled[NR_EVTCHN];
__user_data u64 pv_upcall_warnings;
__user_data u32 pv_send_port;
__user_data struct pv_task pv_tasks[2];
__user_data int pv_current;
__user_data u64 pv_task2_runs;
__user_data u8 pv_irq_stack[PV_IRQ_STACK_SIZE] __aligned(16);
__user_data static u8 pv_task2_stack[PV_TASK_STACK_SIZE] __aligned(16);

/* pv_upcall.S */
void pv_switch_to(unsigned long *prev_sp, unsigned long next_sp);
void pv_call_on_stack(void *sp, void (*fn)(void));
void pv_task2_start(void);
extern char user_stack_bottom[];	/* usermode.S: task 1's stack */

/*
 * run_on_irqstack_cond(): onto the IRQ stack unless already on it (a
 * nested upcall), as irq_needs_irq_stack() decides for a kernel-mode entry.
 */
__user_text void run_on_irqstack_cond(void (*fn)(void))
{
	if (pv_irq_count != -1) {
		fn();
		return;
	}
	pv_irq_count++;
	pv_call_on_stack(pv_irq_stack + PV_IRQ_STACK_SIZE - 16, fn);
	pv_irq_count--;
}

/* xen_force_evtchn_callback(): any hypercall's return delivers the event */
static inline __attribute__((always_inline)) void force_evtchn_callback(void)
{
	unsigned long ax;

	asm volatile("call %c1" : "=a"(ax) : "i"(HYPERCALL(HC_null)) : "memory", "cc");
}

/* xen_irq_enable(): unmask, then take what came while masked */
__user_text void xen_irq_enable(void)
{
	pv_vcpu_info.upcall_mask = 0;
	asm volatile("" : : : "memory");	/* unmask, then check */
	if (pv_vcpu_info.upcall_pending)
		force_evtchn_callback();
}

__user_text void xen_irq_disable(void)
{
	pv_vcpu_info.upcall_mask = 1;
	asm volatile("" : : : "memory");
}

/*
 * The model scheduler: two tasks, so the other one runs.  need_resched is
 * cleared and the switch made with events masked, as __schedule() holds
 * the runqueue lock with interrupts off; called with events on, it
 * returns with them on (finish_task_switch()).
 */
__user_text void schedule(void)
{
	int prev = pv_current, next = !prev;

	xen_irq_disable();
	pv_need_resched = false;
	pv_current = next;
	pv_switch_to(&pv_tasks[prev].sp, pv_tasks[next].sp);
	xen_irq_enable();
}

/*
 * preempt_schedule_irq(): called with events masked, as the exit of an
 * interrupt does; schedules with them unmasked, masks them again.
 */
__user_text void preempt_schedule_irq(void)
{
	do {
		xen_irq_enable();
		schedule();
		xen_irq_disable();
	} while (pv_need_resched);
}

/* The running task's own stack, not the IRQ stack (on_thread_stack()) */
__user_text bool on_thread_stack(void)
{
	unsigned long sp = (unsigned long)__builtin_frame_address(0);
	const struct pv_task *t = &pv_tasks[pv_current];

	return sp >= t->stack_lo && sp < t->stack_hi;
}

/*
 * The second task: counts its runs and gives the CPU back at once.  It
 * starts as a new task does, unmasking events (schedule_tail()).
 */
__user_text __noreturn void pv_task2_main(void)
{
	xen_irq_enable();
	for (;;) {
		pv_task2_runs++;
		schedule();
	}
}

/* Task 1 runs the trips on the user stack; task 2 starts at pv_task2_start. */
static void tasks_init(void)
{
	unsigned long *sp = (unsigned long *)(pv_task2_stack + PV_TASK_STACK_SIZE);

	*--sp = (unsigned long)pv_task2_start;	/* pv_switch_to()'s return */
	for (int i = 0; i < 6; i++)
		*--sp = 0;			/* its callee-saved registers */
	pv_tasks[0] = (struct pv_task){
		.stack_lo = (unsigned long)user_stack_bottom,
		.stack_hi = (unsigned long)user_stack_top,
	};
	pv_tasks[1] = (struct pv_task){
		.sp = (unsigned long)sp,
		.stack_lo = (unsigned long)pv_task2_stack,
		.stack_hi = (unsigned long)pv_task2_stack + PV_TASK_STACK_SIZE,
	};
	pv_current = 0;
	pv_task2_runs = 0;
}

void pv_upcall_setup(const struct upcall_case *c, bool traced)
{
	pv_evtchn_setup(c->design ? c->design->callback : NULL, traced);
	pv_in_preemptible_hcall = pv_need_resched = false;
	pv_irq_count = -1;
	memset(pv_evtchn_handled, 0, sizeof(pv_evtchn_handled));
	pv_upcall_warnings = 0;
	tasks_init();
	pv_send_port = c->where == UPCALL_RESCHED ? EVTCHN_RESCHED : EVTCHN_TIMER;
	pv_evtchn.raise_port = pv_send_port;
	if (c->where == UPCALL_HCALL || c->where == UPCALL_RESCHED)
		pv_evtchn.raise_steps = 1ul << (PV_HC_STEPS / 2);
	if (c->where == UPCALL_MASKED)
		pv_vcpu_info.upcall_mask = 1;	/* local_irq_disable() */
}
