/*
 * The event upcall torture, and the replay that checks each upcall
 * variant.  A run is one round trip of the PV kernel (pv_upcall.S) from
 * canary registers, on the traced hypervisor (pv_evtchn.h), with a
 * breakpoint on schedule(), and events landed where the scenario says:
 *
 *   step      an event in step k of the preemptible hypercall, for every k
 *   resched   the same with a reschedule event (the design may preempt)
 *   every     an event in every step: as many preemptions as steps, with
 *             plain events and with reschedule events
 *   outside   an event sent outside any hypercall, plain and reschedule
 *   sweep     a reschedule event halfway through the hypercall, and a
 *             second one at every instruction of the first upcall's path
 *             (single steps from its bounce to its return: entry, handler,
 *             schedule, the other task, exit), one run each; sweep-plain
 *             the same with plain events, sweep-outside outside any
 *             hypercall
 *   masked    a hostile one: the upcall delivered at the hypercall's SYSCALL
 *             with events masked, so that its frame has IF clear (Xen never
 *             does this; it exercises the designs' IF conditions)
 *
 * A run is judged by the first thing the trace found wrong, even if the
 * run crashed after it (the crash is its consequence); else, worst first:
 * crashed (an unexpected exception, a bound passed), bad-schedule (schedule() from an upcall nested in another of
 * its task, with IF clear in the interrupted frame, off the task's stack,
 * or not inside a preemptible hypercall), flag-lost (an upcall returned
 * with the per-CPU flag not as it found it, or left it set), corrupted-
 * frame (a register or RSP/RFLAGS of the interrupted code, an iret of a
 * frame no upcall delivered, an upcall never returned, a stack left
 * unbalanced), wrong-result (the hypercall's answer after its restarts),
 * lost-events (an event raised and never handled).
 */
#include "arch.h"
#include "lib.h"
#include "proto.h"
#include "variant.h"
#include "x86.h"
#include <entrybench/protocol.h>
#include <arch/desc.h>
#include <arch/pv_upcall.h>
#include <arch/segment.h>
#include <arch/upcall_torture.h>

#define STEPS_BOUND		20000	/* single steps in one run */
#define BOUNCES_BOUND		256	/* upcalls in one run */

#define DR6_B0			(1ul << 0)
#define DR6_B1			(1ul << 1)
#define DR6_BS			(1ul << 14)
#define DR7_L0			(1ul << 0)	/* RWn = LENn = 0: instruction */
#define DR7_L1			(1ul << 2)

/* The stub's SYSCALL: push %rcx; push %r11; mov $nr, %eax (pv.c) */
#define STUB_SYSCALL		8

/*
 * The interrupted code's flags: the arithmetic ones, and IF, as a PV guest
 * always runs (ut_run() enters ring 3 with it, the iret hypercall forces
 * it back on as Xen's do_iret() does).
 */
#define CANARY_FLAGS	(X86_EFLAGS_FIXED | X86_EFLAGS_CF | X86_EFLAGS_PF | \
			 X86_EFLAGS_AF | X86_EFLAGS_ZF | X86_EFLAGS_SF | X86_EFLAGS_OF | \
			 X86_EFLAGS_IF)

/* upcall_torture.S */
int ut_run(void (*fn)(void *), void *arg);
__noreturn void ut_escape(int why);
void ut_entry_db(void);
extern void (*const ut_unexpected[32])(void);

/* What one run does (struct ut_cfg) and what it came to (struct outcome) */
struct ut_cfg {
	enum upcall_situation where;
	unsigned long raise_steps;	/* HC_preemptible: bit per step */
	unsigned port;			/* of those, and of pv_send_trip */
	u64 step_at;			/* 1..: a second event after that single step */
	unsigned step_port;
	bool stepping;			/* single-step the first upcall */
	bool masked;			/* hostile delivery, events masked */
};

/* The ring-3 side: check_trip() from canary registers */
struct ut_job {
	void (*trip)(void);
	unsigned long before[NR_CHECK_REGS], after[NR_CHECK_REGS];
};
__user_data static struct ut_job ut_job;

static __user_text void ut_user(void *arg)
{
	struct ut_job *j = arg;

	check_trip(j->trip, j->before, j->after);
}

/* This run's state for the #DB handler */
static struct {
	unsigned long stacks[NR_KERNEL_STACKS];	/* the entry stack pointers before */
	const struct upcall_design *design;
	const struct ut_cfg *cfg;
	u64 steps;
	unsigned long step_rip;		/* where the second event came */
} ut;

static unsigned long read_dr6(void)
{
	unsigned long v;

	asm volatile("mov %%db6, %0" : "=r"(v));
	return v;
}

static void write_dr(int n, unsigned long v)
{
	switch (n) {
	case 0: asm volatile("mov %0, %%db0" : : "r"(v)); break;
	case 1: asm volatile("mov %0, %%db1" : : "r"(v)); break;
	case 6: asm volatile("mov %0, %%db6" : : "r"(v)); break;
	case 7: asm volatile("mov %0, %%db7" : : "r"(v)); break;
	}
}

void upcall_torture_bounce_bound(void)
{
	if (hv_trace.bounces > BOUNCES_BOUND)
		ut_escape(UT_ESC_BOUNCES);
}

/* An interrupt into the hypervisor raises a port, as evtchn_set_pending() */
static void raise(unsigned port)
{
	pv_vcpu_info.pending |= 1ul << port;
	pv_vcpu_info.upcall_pending = 1;
	hv_trace.raised[port]++;
}

static bool within(unsigned long a, unsigned long lo, unsigned long hi)
{
	return a >= lo && a < hi;
}

/*
 * The breakpoint on schedule(): with this task's upcall frames live (on
 * its stack or the IRQ stack), it is preemption from an upcall, and design
 * B's assertions must hold: one frame only, IF set in it, on the task's
 * own stack, and that upcall interrupted a preemptible hypercall.
 */
static void check_schedule(const struct pt_regs *regs)
{
	const struct pv_task *t = &pv_tasks[pv_current];
	unsigned long irq_lo = (unsigned long)pv_irq_stack;
	const struct hv_frame *inner = NULL;
	int mine = 0;

	for (int i = 0; i < hv_trace.nlive; i++) {
		const struct hv_frame *f = &hv_trace.live[i];

		if (within(f->at, t->stack_lo, t->stack_hi) ||
		    within(f->at, irq_lo, irq_lo + PV_IRQ_STACK_SIZE)) {
			mine++;
			inner = f;
		}
	}
	if (!mine) {
		hv_trace.sched_task += pv_current == 0;	/* the other task only yields */
		return;
	}
	hv_trace.sched_upcall++;
	hv_trace.sched_inside += hv_trace.hcall_open;
	if (mine > 1)
		hv_wrong(HV_SCHED_NESTED, inner->rip);
	else if (!(inner->rflags & X86_EFLAGS_IF))
		hv_wrong(HV_SCHED_IF_CLEAR, inner->rip);
	else if (!within(regs->sp, t->stack_lo, t->stack_hi))
		hv_wrong(HV_SCHED_OFF_STACK, inner->rip);
	else if (!inner->in_hcall)
		hv_wrong(HV_SCHED_OUTSIDE, inner->rip);
}

/* The #DB gate's C half: true if an event is to be delivered now */
bool ut_do_db(struct pt_regs *regs)
{
	unsigned long dr6 = read_dr6();
	bool force = false;

	write_dr(6, 0);
	if (!(regs->cs & 3))
		ut_escape(UT_ESC_DB_RING0);
	if (dr6 & DR6_B0) {
		check_schedule(regs);
		regs->flags |= X86_EFLAGS_RF;
	}
	if (dr6 & DR6_B1) {		/* the hostile delivery, once */
		write_dr(7, DR7_L0);
		raise(ut.cfg->port);
		force = true;
		regs->flags |= X86_EFLAGS_RF;
	}
	if (dr6 & DR6_BS) {
		if (!hv_trace.stepping)
			regs->flags &= ~X86_EFLAGS_TF;
		else if (++ut.steps > STEPS_BOUND)
			ut_escape(UT_ESC_STEPS);
		else if (ut.steps == ut.cfg->step_at) {
			raise(ut.cfg->step_port);
			ut.step_rip = regs->ip;
		}
	}
	return force || (!pv_vcpu_info.upcall_mask && pv_vcpu_info.upcall_pending);
}

/* The torture's gates: #DB, and every other exception a crash */
static void install_gates(void)
{
	for (unsigned v = 0; v < 32; v++)
		if (v != 2)
			idt_set_gate(v, ut_unexpected[v], 0, v == 8 ? IST_DF : 0);
	idt_set_gate(1, ut_entry_db, 0, 0);
}

/* One round trip of design d as cfg says, on the traced hypervisor. */
static int run(const struct upcall_design *d, const struct ut_cfg *cfg)
{
	const struct upcall_case c = { .design = d, .where = cfg->where };
	int why;

	pv_upcall_setup(&c, true);
	pv_evtchn.raise_steps = cfg->raise_steps;
	pv_evtchn.raise_port = pv_send_port = cfg->port;
	hv_trace.step_armed = cfg->stepping;
	ut.design = d;
	ut.cfg = cfg;
	ut.steps = 0;
	ut.step_rip = 0;
	install_gates();

	ut_job.trip = pv_upcall_trip(cfg->where);
	for (int r = 0; r < NR_CHECK_REGS; r++)
		ut_job.before[r] = (unsigned long)0x0101010101010101ull * (r + 1);
	ut_job.before[REG_FLAGS] = CANARY_FLAGS;

	write_dr(0, (unsigned long)schedule);
	write_dr(1, (unsigned long)HYPERCALL(HC_preemptible) + STUB_SYSCALL);
	write_dr(6, 0);
	write_dr(7, DR7_L0 | (cfg->masked ? DR7_L1 : 0));
	if (cfg->masked)
		pv_vcpu_info.upcall_mask = 1;
	arch_kernel_stacks(ut.stacks);
	why = ut_run(ut_user, &ut_job);
	write_dr(7, 0);
	return why;
}

/* Bounded text building: appends, truncates, always NUL-terminated. */
struct text {
	char *p, *end;
};

static void put_str(struct text *t, const char *s)
{
	while (*s && t->p < t->end)
		*t->p++ = *s++;
	*t->p = '\0';
}

static void put_num(struct text *t, u64 v, unsigned base)
{
	char buf[24], *b = buf + sizeof(buf);

	*--b = '\0';
	do
		*--b = "0123456789abcdef"[v % base];
	while (v /= base);
	if (base == 16)
		put_str(t, "0x");
	put_str(t, b);
}

/* Verdicts: protocol.h's names, in its order (worst last), which the enum follows. */
static const char *const verdicts[] = { EB_UPCALL_VERDICTS };
enum { SAFE, LOST, WRONG, FRAME, FLAG, SCHED, CRASHED };
_Static_assert(N_OF(verdicts) == CRASHED + 1, "a name per verdict");

/* Sized so that the torture record fits EB_PROTO_MAX_LINE */
struct outcome {
	int verdict;
	char detail[128];
};

static void say(struct outcome *o, int verdict, const char *a, u64 num, const char *b)
{
	struct text t = { o->detail, o->detail + sizeof(o->detail) - 1 };

	o->verdict = verdict;
	put_str(&t, a);
	if (b) {
		put_num(&t, num, 16);
		put_str(&t, b);
	}
}

static const char *const wrongs[] = {
	[HV_FLAG_LOST] = "an upcall returned with the flag changed, to ",
	[HV_STRAY_IRET] = "an iret to a frame no upcall made, to ",
	[HV_SKIPPED_FRAMES] = "an iret skipped live upcall frames, to ",
	[HV_SCHED_NESTED] = "schedule() in a nested upcall, of ",
	[HV_SCHED_IF_CLEAR] = "schedule() in an upcall with IF clear, of ",
	[HV_SCHED_OFF_STACK] = "schedule() off the task's stack, upcall of ",
	[HV_SCHED_OUTSIDE] = "schedule() in an upcall outside the hypercall, of ",
	[HV_TOO_DEEP] = "upcalls nested past the bound, at ",
};

static int wrong_verdict(enum hv_wrong w)
{
	switch (w) {
	case HV_FLAG_LOST:
		return FLAG;
	case HV_SCHED_NESTED: case HV_SCHED_IF_CLEAR:
	case HV_SCHED_OFF_STACK: case HV_SCHED_OUTSIDE:
		return SCHED;
	default:
		return FRAME;
	}
}

static void judge_escape(struct outcome *o, int why)
{
	if (why == UT_ESC_STEPS)
		say(o, CRASHED, "livelock: single steps past the bound", 0, NULL);
	else if (why == UT_ESC_BOUNCES)
		say(o, CRASHED, "livelock: upcalls past the bound", 0, NULL);
	else if (why == UT_ESC_DB_RING0)
		say(o, CRASHED, "a #DB in ring 0", 0, NULL);
	else
		say(o, CRASHED, "unexpected exception, vector ", why - UT_ESC_VECTOR, "");
}

/* The registers of the interrupted code, RSP and RFLAGS, and the answer */
static bool judge_regs(struct outcome *o)
{
	bool send = ut_job.trip == pv_send_trip;
	unsigned long clobbers = REG_BIT(REG_DI) | (send ? 0 : REG_BIT(REG_SI));
	unsigned long want = send ? 0 : PV_HC_ANSWER;

	if (ut_job.after[REG_AX] != want) {
		say(o, WRONG, "the hypercall answered ", ut_job.after[REG_AX],
		    send ? ", not 0" : " after its restarts, not its answer");
		return true;
	}
	for (int r = 0; r < NR_CHECK_REGS; r++) {
		if (r == REG_AX || (clobbers & REG_BIT(r)) ||
		    ut_job.after[r] == ut_job.before[r])
			continue;
		say(o, FRAME, reg_names[r], 0, NULL);
		put_str(&(struct text){ o->detail + strlen(o->detail),
					o->detail + sizeof(o->detail) - 1 },
			" of the interrupted code changed");
		return true;
	}
	return false;
}

/*
 * Every event raised was handled: none is left pending, and each port
 * raised had a handler run.  Two raises of a port before its handler runs
 * are one event, as in Xen (a pending bit), so the counts may differ; a
 * handler run that nobody raised may not.
 */
static bool judge_events(struct outcome *o)
{
	struct text t = { o->detail, o->detail + sizeof(o->detail) - 1 };

	for (unsigned p = 0; p < NR_EVTCHN; p++) {
		u64 raised = hv_trace.raised[p], handled = pv_evtchn_handled[p];

		if ((pv_vcpu_info.pending & (1ul << p)) || (raised && !handled)) {
			o->verdict = LOST;
			put_str(&t, "an event on port ");
			put_num(&t, p, 10);
			put_str(&t, " was never handled");
			return true;
		}
		if (handled > raised) {
			o->verdict = FRAME;
			put_str(&t, "port ");
			put_num(&t, p, 10);
			put_str(&t, " handled more often than raised");
			return true;
		}
	}
	return false;
}

/* The PV kernel's functions, to name a RIP by (no symbol table here) */
void pv_switch_to(void), pv_call_on_stack(void), pv_task2_main(void);

static const struct {
	const char *name;
	void (*fn)(void);
} known[] = {
	{ "pv_send_trip", pv_send_trip }, { "pv_preemptible_trip", pv_preemptible_trip },
	{ "pv_switch_to", pv_switch_to }, { "pv_call_on_stack", pv_call_on_stack },
	{ "run_on_irqstack_cond", (void (*)(void))run_on_irqstack_cond },
	{ "xen_irq_enable", xen_irq_enable }, { "xen_irq_disable", xen_irq_disable },
	{ "schedule", schedule }, { "preempt_schedule_irq", preempt_schedule_irq },
	{ "pv_task2_main", pv_task2_main },
};

/* The generic check's entry stack pointers, the IRQ stack, task 1 running */
static bool stacks_balanced(void)
{
	unsigned long after[NR_KERNEL_STACKS];

	arch_kernel_stacks(after);
	for (int i = 0; i < NR_KERNEL_STACKS; i++)
		if (after[i] != ut.stacks[i])
			return false;
	return pv_irq_count == -1 && pv_current == 0;
}

/*
 * A RIP as the detail names it: +offset in the design's entry or in its C
 * code (which the link puts right after the entry), in a stub of the
 * hypercall page, from the nearest function of `known` below it, or bare.
 */
static void put_rip(struct text *t, unsigned long rip)
{
	unsigned long cb = (unsigned long)ut.design->callback;
	unsigned long end = (unsigned long)ut.design->callback_end;
	unsigned long page = (unsigned long)hypercall_page, best = 0;
	const char *name = NULL;

	if (rip >= cb && rip < end + 0x200) {
		put_str(t, rip < end ? "entry+" : "design C, entry end+");
		put_num(t, rip - (rip < end ? cb : end), 16);
		return;
	}
	if (rip >= page && rip < page + sizeof(hypercall_page)) {
		put_str(t, "hypercall ");
		put_num(t, (rip - page) / HYPERCALL_STUB_SIZE, 10);
		put_str(t, "'s stub +");
		put_num(t, (rip - page) % HYPERCALL_STUB_SIZE, 16);
		return;
	}
	for (unsigned i = 0; i < N_OF(known); i++) {
		unsigned long a = (unsigned long)known[i].fn;

		if (a <= rip && a > best) {
			best = a;
			name = known[i].name;
		}
	}
	if (name && rip - best < 0x100) {
		put_str(t, name);
		put_str(t, "+");
		put_num(t, rip - best, 16);
	} else {
		put_num(t, rip, 16);
	}
}

/*
 * What the trace found wrong comes first, even if the run crashed after
 * it: the crash is its consequence.
 */
static struct outcome judge(const struct ut_cfg *cfg, int why)
{
	struct outcome o = { .verdict = SAFE };
	struct text t = { o.detail, o.detail + sizeof(o.detail) - 1 };

	if (hv_trace.wrong) {
		o.verdict = wrong_verdict(hv_trace.wrong);
		put_str(&t, wrongs[hv_trace.wrong]);
		put_rip(&t, hv_trace.wrong_rip);
		if (why)
			put_str(&t, "; the run then crashed");
	} else if (why)
		judge_escape(&o, why);
	else if (pv_in_preemptible_hcall)
		say(&o, FLAG, "the in-hypercall flag is still set after the hypercall", 0, NULL);
	else if (hv_trace.nlive)
		say(&o, FRAME, "an upcall never returned", 0, NULL);
	else if (!stacks_balanced())
		say(&o, FRAME, "a stack left unbalanced: an entry stack pointer, the IRQ "
		    "stack's count or the running task", 0, NULL);
	else if (!judge_regs(&o) && cfg->where != UPCALL_MASKED)
		judge_events(&o);	/* masked, the event stays pending */
	return o;
}

/* The whole verdict of one design: the worst of its scenarios' runs. */
struct tally {
	struct outcome worst;
	const char *worst_in;
	u64 raised, handled;
	struct text summary;
};

static void note(struct tally *t, const char *scenario, const struct outcome *o)
{
	for (unsigned p = 0; p < NR_EVTCHN; p++) {
		t->raised += hv_trace.raised[p];
		t->handled += pv_evtchn_handled[p];
	}
	if (o->verdict > t->worst.verdict) {
		t->worst = *o;
		t->worst_in = scenario;
	}
}

/*
 * "name=verdict(bad/runs[ pN][ wM])": N runs scheduled inside the
 * hypercall, M warnings of the design's own assertions (design B's) in all.
 */
static void summarize(struct tally *t, const char *name, int verdict, u64 bad,
		      u64 runs, u64 preempted, u64 warned)
{
	put_str(&t->summary, name);
	put_str(&t->summary, "=");
	put_str(&t->summary, verdicts[verdict]);
	put_str(&t->summary, "(");
	put_num(&t->summary, bad, 10);
	put_str(&t->summary, "/");
	put_num(&t->summary, runs, 10);
	if (preempted) {
		put_str(&t->summary, " p");
		put_num(&t->summary, preempted, 10);
	}
	if (warned) {
		put_str(&t->summary, " w");
		put_num(&t->summary, warned, 10);
	}
	put_str(&t->summary, ") ");
}

/*
 * Runs of one scenario: `cfg`, with the event in each step of the
 * hypercall in turn (per_step), or once as it is; with a plain and then a
 * reschedule event (both_ports), or with cfg's.
 */
static void series(struct tally *t, const char *name, const struct upcall_design *d,
		   struct ut_cfg cfg, bool per_step, bool both_ports)
{
	int worst = SAFE;
	u64 bad = 0, runs = 0, preempted = 0, warned = 0;

	for (unsigned i = 0; i < (per_step ? PV_HC_STEPS : 1) * (both_ports ? 2 : 1); i++) {
		if (per_step)
			cfg.raise_steps = 1ul << (i % PV_HC_STEPS + 1);
		if (both_ports)
			cfg.port = i < (per_step ? PV_HC_STEPS : 1) ? EVTCHN_TIMER : EVTCHN_RESCHED;
		struct outcome o = judge(&cfg, run(d, &cfg));

		runs++;
		bad += o.verdict != SAFE;
		preempted += hv_trace.sched_inside > 0;
		warned += pv_upcall_warnings;
		if (o.verdict > worst)
			worst = o.verdict;
		note(t, name, &o);
	}
	summarize(t, name, worst, bad, runs, preempted, warned);
}

/*
 * The second event after each single step of the first upcall's path, as
 * many as a run without it takes (its count comes from that run).  The
 * detail of the design's worst, if it came from here, says after which
 * step and at which RIP (+offset into the design's entry, if there).
 */
static void sweep(struct tally *t, const char *name, const struct upcall_design *d,
		  struct ut_cfg cfg)
{
	struct outcome worst = { .verdict = SAFE }, o;
	u64 steps, bad = 0, preempted = 0, warned = 0, worst_at = 0;
	unsigned long worst_rip = 0;

	cfg.stepping = true;
	cfg.step_at = 0;
	o = judge(&cfg, run(d, &cfg));
	note(t, name, &o);
	steps = ut.steps;
	worst = o;
	for (u64 i = 1; i <= steps; i++) {
		cfg.step_at = i;
		o = judge(&cfg, run(d, &cfg));
		note(t, name, &o);
		bad += o.verdict != SAFE;
		preempted += hv_trace.sched_inside > 0;
		warned += pv_upcall_warnings;
		if (o.verdict > worst.verdict) {
			worst = o;
			worst_at = i;
			worst_rip = ut.step_rip;
		}
	}
	summarize(t, name, worst.verdict, bad, steps, preempted, warned);
	if (worst.verdict == SAFE || t->worst_in != name)
		return;

	char detail[sizeof(t->worst.detail)];
	struct text x = { detail, detail + sizeof(detail) - 1 };
	put_str(&x, "event after step ");
	put_num(&x, worst_at, 10);
	put_str(&x, " (");
	put_rip(&x, worst_rip);
	put_str(&x, "): ");
	put_str(&x, t->worst.detail);
	memcpy(t->worst.detail, detail, sizeof(detail));
}

static bool torture_one(const struct variant *v)
{
	const struct upcall_design *d = v->upcall->design;
	const struct ut_cfg hcall = {
		.where = UPCALL_HCALL, .port = EVTCHN_TIMER,
		.raise_steps = 1ul << (PV_HC_STEPS / 2), .step_port = EVTCHN_TIMER,
	}, outside = { .where = UPCALL_OUTSIDE, .port = EVTCHN_TIMER,
		       .step_port = EVTCHN_TIMER };
	struct ut_cfg c;
	char summary[220];
	struct tally t = {
		.worst = { .verdict = SAFE },
		.summary = { summary, summary + sizeof(summary) - 1 },
	};

	summary[0] = '\0';
	series(&t, "step", d, hcall, true, false);
	c = hcall, c.port = EVTCHN_RESCHED;
	series(&t, "resched", d, c, true, false);
	c = hcall, c.raise_steps = ((1ul << PV_HC_STEPS) - 1) << 1;
	series(&t, "every", d, c, false, true);
	series(&t, "outside", d, outside, false, true);
	c = hcall, c.port = c.step_port = EVTCHN_RESCHED;
	sweep(&t, "sweep", d, c);
	sweep(&t, "sweep-plain", d, hcall);
	c = outside, c.port = c.step_port = EVTCHN_RESCHED;
	sweep(&t, "sweep-outside", d, c);
	c = hcall, c.raise_steps = 0, c.port = EVTCHN_RESCHED, c.masked = true;
	series(&t, "masked", d, c, false, false);
	if (t.summary.p > summary)
		t.summary.p[-1] = '\0';	/* the last space */

	rec_begin("torture");
	rec_str("name", v->name);
	rec_str("kind", EB_TORTURE_UPCALL);
	rec_str("expect", d->expect_unsafe ? "unsafe" : "safe");
	rec_str("status", verdicts[t.worst.verdict]);
	rec_u64("sent", t.raised);
	rec_u64("handled", t.handled);
	rec_quoted("scenarios", summary);
	if (t.worst.verdict != SAFE) {
		rec_str("first", t.worst_in);
		rec_quoted("detail", t.worst.detail);
	}
	rec_end();
	return (t.worst.verdict != SAFE) == d->expect_unsafe;
}

bool upcall_torture(const char *only)
{
	bool as_expected = true;

	for_each_variant(v)
		if (v->torture && !strcmp(v->torture, EB_TORTURE_UPCALL) &&
		    (!only || !strcmp(only, v->name)))
			as_expected &= torture_one(v);
	arch_reset_entries();
	return as_expected;
}

void (*pv_upcall_trip(enum upcall_situation where))(void)
{
	return where == UPCALL_OUTSIDE || where == UPCALL_MASKED ?
	       pv_send_trip : pv_preemptible_trip;
}

/* What one round trip of each case must have done, on top of a safe run */
static const char *expected(const struct upcall_case *c)
{
	bool preempts = c->design && c->design->preempts;

	if (c->where == UPCALL_NONE)
		return hv_trace.bounces || hv_trace.continuations ?
		       "an upcall came although no event was raised" : NULL;
	if (c->where == UPCALL_MASKED)
		return hv_trace.bounces || !pv_vcpu_info.upcall_pending ?
		       "the event was not left pending with events masked" : NULL;
	if (hv_trace.bounces != 1)
		return "not exactly one upcall";
	if (c->where == UPCALL_OUTSIDE)
		return hv_trace.sched_upcall || hv_trace.sched_task ?
		       "it scheduled outside any hypercall" : NULL;
	if (hv_trace.continuations != 1)
		return "the hypercall was not preempted exactly once";
	if (c->where == UPCALL_HCALL)
		return pv_task2_runs ? "it scheduled with no reschedule pending" : NULL;
	if (pv_task2_runs != 1)
		return "the second task did not run exactly once";
	if (preempts && hv_trace.sched_inside != 1)
		return "the design claims to preempt the hypercall, and did not";
	if (!preempts && (hv_trace.sched_upcall || hv_trace.sched_task != 1))
		return "the design claims not to preempt the hypercall, and did";
	return NULL;
}

const char *pv_upcall_check(const struct upcall_case *c)
{
	static struct outcome o;
	const struct ut_cfg cfg = {
		.where = c->where == UPCALL_NONE ? UPCALL_HCALL : c->where,
		.port = c->where == UPCALL_RESCHED ? EVTCHN_RESCHED : EVTCHN_TIMER,
		.raise_steps = c->where == UPCALL_HCALL || c->where == UPCALL_RESCHED ?
			       1ul << (PV_HC_STEPS / 2) : 0,
	};
	const char *why;

	o = judge(&cfg, run(c->design, &cfg));
	why = o.verdict != SAFE ? o.detail : expected(c);
	arch_reset_entries();
	pv_upcall_setup(c, false);	/* the plain twin again, for the timed trips */
	return why;
}
