/*
 * The PV kernel's side of the event upcall ([xen-pv-idtentry]), all of it
 * ring 3 in the user region (pv.h): the per-CPU state Linux keeps
 * (xen_in_preemptible_hcall, need_resched, irq_count), the event handler
 * that acknowledges and dispatches (__xen_pv_evtchn_do_upcall), the IRQ
 * stack switch (run_on_irqstack_cond), a model scheduler with a second
 * task, and the preemptible hypercall's wrapper.  The three designs of the
 * thread are the variants variants/x86_64/pv_upcall_*: each is the same
 * IDTENTRY-style entry (UPCALL_IDTENTRY below) around its own C handler.
 *
 * Not modelled: RCU (rcu_irq_enter/exit, rcu_irq_exit_preempt), lockdep and
 * tracing (instrumentation_begin/end, trace_hardirqs_*), noinstr sections,
 * preempt_count (this is a !PREEMPT kernel: nothing disables preemption
 * but the entry itself), softirqs, signals and exit to user mode.
 */
#ifndef ARCH_PV_UPCALL_H
#define ARCH_PV_UPCALL_H

#include <arch/pv_evtchn.h>

#define PV_IRQ_STACK_SIZE	4096
#define PV_TASK_STACK_SIZE	4096

#ifdef __ASSEMBLER__
#include <arch/calling.h>

/*
 * The registered event callback's first two instructions: Xen's bounce
 * frame has RCX and R11 on top of an IRET frame (xen_pv_trap pops them).
 */
.macro UPCALL_POP_BOUNCE
	popq	%rcx
	popq	%r11
.endm

/*
 * asm_exc_xen_hypervisor_callback: an IDTENTRY without error code
 * (orig_ax -1, pt_regs, the C handler with pt_regs), and the exit to
 * kernel mode: POP_REGS, and xen_iret, which is INTERRUPT_RETURN on Xen PV
 * (flags 0 pushed, then the iret stub of the hypercall page).
 */
.macro UPCALL_IDTENTRY cfunc
	pushq	$-1			/* pt_regs->orig_ax */
	PUSH_AND_CLEAR_REGS
	movq	%rsp, %rdi
	call	\cfunc
	POP_REGS
	addq	$(RIP - ORIG_RAX), %rsp
	pushq	$0			/* iret_context.flags: not VGCF_in_syscall */
	jmp	HYPERCALL(HC_iret)
.endm

#else

#include "lib.h"
#include "processor-flags.h"
#include "user.h"
#include <arch/ptregs.h>

/* One CPU: plain globals stand in for Linux's per-CPU variables. */
extern bool pv_in_preemptible_hcall;	/* xen_in_preemptible_hcall */
extern bool pv_need_resched;		/* TIF_NEED_RESCHED of the running task */
extern int pv_irq_count;		/* -1 unless on the IRQ stack */
extern u64 pv_evtchn_handled[NR_EVTCHN];	/* per port, by the handler */
extern u64 pv_upcall_warnings;		/* a design's WARN_ON fired */

/* Two tasks: the one running the trips, and one that yields at once. */
struct pv_task {
	unsigned long sp;		/* saved by pv_switch_to() */
	unsigned long stack_lo, stack_hi;
};
extern struct pv_task pv_tasks[2];
extern int pv_current;
extern u64 pv_task2_runs;
extern u32 pv_send_port;			/* pv_send_trip's port */
extern u8 pv_irq_stack[PV_IRQ_STACK_SIZE];

/* An upcall design: the `design` of its variants' struct upcall_case. */
struct upcall_design {
	void (*callback)(void);		/* the registered event callback ... */
	void (*callback_end)(void);	/* ... and the end of its entry code */
	bool preempts;			/* claims to schedule inside the hypercall */
	bool expect_unsafe;		/* the torture's verdict, if all is well */
};

/* What a variant's round trip makes happen */
enum upcall_situation {
	UPCALL_NONE,		/* the preemptible hypercall, no event */
	UPCALL_MASKED,		/* an event sent with events masked: no upcall */
	UPCALL_OUTSIDE,		/* an event sent outside any hypercall */
	UPCALL_HCALL,		/* an event during the hypercall, no reschedule */
	UPCALL_RESCHED,		/* a reschedule event during the hypercall */
};

/* The `upcall` member of a variant's descriptor (variant.h) */
struct upcall_case {
	const struct upcall_design *design;	/* NULL for UPCALL_NONE */
	enum upcall_situation where;
};

/* The round trips (pv_upcall.S) */
void pv_send_trip(void);		/* HC_evtchn_send to EVTCHN_TIMER */
void pv_preemptible_trip(void);		/* the hypercall, then cond_resched() */
extern const char pv_phc_begin[], pv_phc_end[];	/* flag set .. cleared */

/*
 * For a variant's setup(): the event hypervisor (plain, or traced for the
 * checks and the torture) with the design's callback, the PV kernel's state
 * from scratch, and the hypercall set to raise the case's event halfway.
 */
void pv_upcall_setup(const struct upcall_case *c, bool traced);
/* For a variant's check(): a replay on the traced hypervisor (upcall_torture.c) */
const char *pv_upcall_check(const struct upcall_case *c);
/* Its round trip: pv_send_trip for an event sent, else pv_preemptible_trip */
void (*pv_upcall_trip(enum upcall_situation where))(void);

/* The pieces the designs share (pv_upcall.c), all ring 3 */
void run_on_irqstack_cond(void (*fn)(void));
void xen_irq_enable(void);		/* local_irq_enable() on Xen PV */
void xen_irq_disable(void);
void schedule(void);
void preempt_schedule_irq(void);	/* with events masked, as it is called */
bool on_thread_stack(void);

/*
 * The case of one upcall variant: `ident`, and its setup() and check() for
 * the descriptor (`ident`_setup, `ident`_check).
 */
#define UPCALL_CASE(ident, design_, where_) \
	static const struct upcall_case ident = { .design = (design_), .where = (where_) }; \
	static void ident##_setup(void) { pv_upcall_setup(&ident, false); } \
	static const char *ident##_check(void) { return pv_upcall_check(&ident); }

/*
 * The two variants every upcall design has, alike but for the design: an
 * event outside any hypercall (the one the torture sweeps) and one halfway
 * through a preemptible hypercall.  They need the file's UPCALL_CASEs
 * `outside` and `hcall`; each design's file adds its -resched variant by
 * hand, since what a reschedule does is the design's own story.
 */
#define UPCALL_COMMON_VARIANTS(ident, name_, design_, source_) \
VARIANT(ident) = { \
	.name = name_, \
	.family = FAMILY_PV, \
	.models = "Xen PV event upcall outside any hypercall (a self-event sent by hypercall): " \
		  "bounce frame, IDTENTRY (pt_regs, IRQ stack, handler acks the event), exit " \
		  "through the iret hypercall; design: " design_, \
	.source = source_, \
	.cpl = 3, \
	.clobbers = REG_BIT(REG_DI), \
	.result = 0, \
	.setup = outside_setup, \
	.trip = pv_send_trip, \
	.check = outside_check, \
	.upcall = &outside, \
	.torture = EB_TORTURE_UPCALL, \
}; \
VARIANT(ident##_hcall) = { \
	.name = name_ "-hcall", \
	.family = FAMILY_PV, \
	.models = "An event halfway through a preemptible hypercall: continuation (RIP back " \
		  "to the SYSCALL), upcall, no reschedule pending, the hypercall restarts and " \
		  "completes; design: " design_, \
	.source = source_, \
	.cpl = 3, \
	.clobbers = REG_BIT(REG_DI) | REG_BIT(REG_SI), \
	.result = PV_HC_ANSWER, \
	.setup = hcall_setup, \
	.trip = pv_preemptible_trip, \
	.check = hcall_check, \
	.upcall = &hcall, \
}

/*
 * The body of __xen_pv_evtchn_do_upcall() (xen_evtchn_do_upcall()'s loop),
 * which each design's file wraps in its own __user_text function, so that
 * a fault planted in one design stays there: clear upcall_pending first,
 * then take the pending ports, so that an event raised in between is taken
 * now or leaves upcall_pending set for the next round; dispatch each port.
 * irq_enter()/irq_exit(): not modelled.
 */
static inline __attribute__((always_inline)) void evtchn_do_upcall(void)
{
	do {
		unsigned long pending;

#ifndef EB_INJECT_FAULT_ACK_ORDER
		pv_vcpu_info.upcall_pending = 0;
		pending = __atomic_exchange_n(&pv_vcpu_info.pending, 0, __ATOMIC_SEQ_CST);
#else
		pending = __atomic_exchange_n(&pv_vcpu_info.pending, 0, __ATOMIC_SEQ_CST);
		pv_vcpu_info.upcall_pending = 0;
#endif
		while (pending) {
			unsigned port = __builtin_ctzl(pending);

			pending &= pending - 1;
			pv_evtchn_handled[port]++;
			if (port == EVTCHN_RESCHED)
				pv_need_resched = true;		/* scheduler_ipi() */
		}
	} while (pv_vcpu_info.upcall_pending);
}

static inline __attribute__((always_inline)) bool regs_irqs_enabled(const struct pt_regs *regs)
{
	return regs->flags & X86_EFLAGS_IF;
}
#endif

#endif
