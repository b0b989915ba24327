/*
 * Event channels, the event upcall and a preemptible hypercall in the
 * in-guest PV model (pv.h), after 64-bit Xen ([xen-pv-idtentry]):
 *
 *   - vcpu_info, shared with the guest: evtchn_upcall_pending,
 *     evtchn_upcall_mask (the guest's virtual IF, inverted) and one word of
 *     pending ports (Xen's two-level evtchn_pending_sel/evtchn_pending,
 *     folded into one level: the model has two ports).
 *   - test_all_events on every exit to the guest (a hypercall's return, the
 *     iret hypercall, the torture's #DB): an event pending and not masked is
 *     delivered first, by create_bounce_frame: a frame of RCX, R11 and an
 *     IRET frame on the guest kernel's stack (its current one when it was in
 *     kernel mode, 16-byte aligned), RFLAGS.IF = !upcall_mask, the mask set
 *     (CALLBACKF_mask_events), and SYSRET to the registered event callback.
 *     The frame's CS has RPL 0 when guest kernel mode was interrupted, as
 *     the guest reads it; the iret hypercall puts RPL 3 back.
 *   - HC_preemptible: a long hypercall in PV_HC_STEPS steps (acc = acc *
 *     PV_HC_MUL + steps left, so a lost or repeated step changes the
 *     answer).  After each step it makes hypercall_preempt_check(): with an
 *     event the guest can take, it creates a continuation, exactly as the
 *     thread describes: the remaining work back in the argument registers,
 *     %rax = HC_preemptible, the guest's RIP rewound by 2 to the SYSCALL of
 *     the stub, and the exit delivers the upcall, whose frame therefore
 *     points at the hypercall instruction.  The guest re-executes it when
 *     the upcall returns, and the hypercall goes on from where it stopped.
 *   - An interrupt arriving while the hypercall works is stood in for by
 *     EVT_raise_steps: a bit per step at which the hypervisor raises the
 *     port in EVT_raise_port (a bt and a jnc per step, in every figure that
 *     runs the hypercall).
 *
 * Not modelled: per-port masks, other vCPUs, guest user mode (the event
 * variants always interrupt the PV kernel), Xen's softirqs.  The virtual
 * IF is the mask, as in Xen; the hardware IF comes back set from the iret
 * hypercall, as Xen's do_iret() forces it.  The timed trips' ring 3 starts
 * with it clear (usermode.S) and nothing sends real interrupts (the legacy
 * PIC is masked, x86.h).
 *
 * The hypervisor is assembled twice (pv_evtchn.S): plain, for the timed
 * round trips, and traced, the same instructions plus calls into
 * pv_evtchn.c that record every bounce, iret and continuation for the
 * checks and the torture (upcall_torture.c).  Usable from C and assembly.
 */
#ifndef ARCH_PV_EVTCHN_H
#define ARCH_PV_EVTCHN_H

#include <arch/pv.h>

/* The ports of the model's guest, and what its handler does with each */
#define EVTCHN_TIMER		0	/* an interrupt that asks for nothing */
#define EVTCHN_RESCHED		1	/* the reschedule IPI: sets need_resched */
#define NR_EVTCHN		2

#define PV_HC_STEPS		8	/* HC_preemptible's work, at most 63 */
#define PV_HC_MUL		33
#define PV_HC_STEP(acc, n)	((acc) * PV_HC_MUL + (n))
/* The answer for PV_HC_STEPS steps from acc 0, as a constant (8 steps) */
#define PV_HC_ANSWER \
	PV_HC_STEP(PV_HC_STEP(PV_HC_STEP(PV_HC_STEP(PV_HC_STEP(PV_HC_STEP( \
	PV_HC_STEP(PV_HC_STEP(0ul, 8), 7), 6), 5), 4), 3), 2), 1)

/* struct vcpu_info, for assembly */
#define VI_upcall_pending	0
#define VI_upcall_mask		1
#define VI_pending		8

/* struct pv_evtchn, for assembly */
#define EVT_callback		0	/* CALLBACKTYPE_event */
#define EVT_callback_flags	8	/* RFLAGS the callback starts with */
#define EVT_rip			16	/* the context the next bounce */
#define EVT_rflags		24	/* interrupts; its RSP is */
#define EVT_rcx			32	/* pv_vcpu.guest_sp */
#define EVT_r11			40
#define EVT_raise_steps		48	/* bit n: raise at the step n steps from the end */
#define EVT_raise_port		56
#define EVT_frame		64	/* traced: where the last bounce frame went */
#define EVT_port		72	/* traced: the port just raised */

#define EINVAL			22	/* HC_evtchn_send's answer to a bad port */

#ifndef __ASSEMBLER__
#include "lib.h"

/* The guest's window on its event state: in the user region, ring 3 reads it. */
struct vcpu_info {
	volatile u8 upcall_pending;	/* evtchn_upcall_pending */
	volatile u8 upcall_mask;	/* evtchn_upcall_mask: 1 = events off */
	u8 __pad[6];
	volatile unsigned long pending;	/* bit per port */
};
ASSERT_OFFSET(struct vcpu_info, upcall_pending, VI_upcall_pending);
ASSERT_OFFSET(struct vcpu_info, upcall_mask, VI_upcall_mask);
ASSERT_OFFSET(struct vcpu_info, pending, VI_pending);

/* The hypervisor's side (ring 0). */
struct pv_evtchn {
	void (*callback)(void);
	unsigned long callback_flags;
	unsigned long rip, rflags, rcx, r11;
	unsigned long raise_steps;
	unsigned long raise_port;
	unsigned long frame, port;
};
ASSERT_OFFSET(struct pv_evtchn, callback, EVT_callback);
ASSERT_OFFSET(struct pv_evtchn, callback_flags, EVT_callback_flags);
ASSERT_OFFSET(struct pv_evtchn, rip, EVT_rip);
ASSERT_OFFSET(struct pv_evtchn, rflags, EVT_rflags);
ASSERT_OFFSET(struct pv_evtchn, rcx, EVT_rcx);
ASSERT_OFFSET(struct pv_evtchn, r11, EVT_r11);
ASSERT_OFFSET(struct pv_evtchn, raise_steps, EVT_raise_steps);
ASSERT_OFFSET(struct pv_evtchn, raise_port, EVT_raise_port);
ASSERT_OFFSET(struct pv_evtchn, frame, EVT_frame);
ASSERT_OFFSET(struct pv_evtchn, port, EVT_port);

extern struct vcpu_info pv_vcpu_info;
extern struct pv_evtchn pv_evtchn;

/*
 * What the traced hypervisor saw (pv_evtchn.c): the upcall frames still
 * live (delivered, not yet returned from), and counts.  Not part of the
 * model: a real guest sees none of it.
 */
#define HV_MAX_LIVE		16

struct hv_frame {
	unsigned long at;	/* address of the frame's RIP slot */
	unsigned long rip;	/* the interrupted context */
	unsigned long rflags;	/* as delivered: IF = !upcall_mask */
	bool flag;		/* the guest's in-preemptible-hypercall flag then */
	bool in_hcall;		/* the interrupted RIP was in a preemptible hypercall */
};

/* The first thing the trace found wrong; what upcall_torture.c names. */
enum hv_wrong {
	HV_OK,
	HV_FLAG_LOST,		/* an upcall returned with the flag not as it found it */
	HV_STRAY_IRET,		/* an iret to a frame no upcall delivered */
	HV_SKIPPED_FRAMES,	/* an iret left younger frames live under it */
	HV_SCHED_NESTED,	/* schedule() with two upcall frames of this task live */
	HV_SCHED_IF_CLEAR,	/* schedule() from an upcall that interrupted IF=0 */
	HV_SCHED_OFF_STACK,	/* schedule() not on the task's own stack */
	HV_SCHED_OUTSIDE,	/* schedule() from an upcall outside a preemptible hypercall */
	HV_TOO_DEEP,		/* more than HV_MAX_LIVE upcalls live */
};

struct hv_trace {
	struct hv_frame live[HV_MAX_LIVE];
	int nlive;
	u64 bounces, irets, continuations, raised[NR_EVTCHN];
	u64 hcalls;			/* preemptible hypercalls begun (not restarts) */
	bool hcall_open;		/* one begun and not yet finished */
	u64 sched_upcall;		/* schedule() from an upcall ... */
	u64 sched_inside;		/* ... of which while a hypercall was open */
	u64 sched_task;			/* schedule() outside any upcall, by task 1 */
	enum hv_wrong wrong;		/* the first, and where */
	unsigned long wrong_rip;
	/* the torture's single steps: from the first bounce to its return */
	bool step_armed, stepping;
	unsigned long first_frame;
};
extern struct hv_trace hv_trace;

/*
 * The PV kernel in guest kernel mode with the event channel hypervisor
 * (plain or traced) and `callback` registered for events; events on, none
 * pending, trace cleared.
 */
void pv_evtchn_setup(void (*callback)(void), bool traced);
void hv_wrong(enum hv_wrong what, unsigned long rip);	/* first one kept */
/* Was rip in a preemptible hypercall (the wrapper or its stub)? */
bool hv_in_preemptible_hcall(unsigned long rip);
/* Hooks of the traced twin, called from pv_evtchn.S (state in pv_evtchn) */
void hv_trace_bounce(void), hv_trace_iret(void), hv_trace_raise(void);
void hv_trace_hcall_enter(void), hv_trace_continuation(void), hv_trace_hcall_done(void);
#endif

#endif
