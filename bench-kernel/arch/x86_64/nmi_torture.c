/*
 * The nested-NMI torture test.  For each NMI design (the variants of family
 * nmi, with their `nmi` descriptor member) it forces, one at a time and
 * deterministically, the NMIs a real machine delivers only by bad
 * luck:
 *
 *   bp     the handler takes #BP; the #BP handler sends a self-NMI, which
 *          its IRETQ unmasks: the NMI nests right after the int3.
 *   pf     the same through a #PF the handler takes.
 *   cr2    a #PF outside any NMI sends a self-NMI before it reads CR2, and
 *          the NMI handler takes a #PF of its own: the first #PF must still
 *          read its own address.
 *   sweep  a hardware breakpoint on every byte of the entry code: the #DB
 *          at the instruction sends a self-NMI that its IRETQ lets in, so
 *          an NMI lands on each instruction in turn.  Only where NMIs can
 *          really be unmasked: after a handler run has finished (exit,
 *          repeat and replay paths), never inside an entry whose handler has
 *          not run yet, where the hardware keeps NMIs blocked.  Done once
 *          plain and once on top of the bp nesting (sweep-bp), which drives
 *          the repeat, fake-NMI and replay paths.
 *
 * Each interrupted context is a WINDOW (nmi_torture.S) that loads canaries
 * into every general register, RFLAGS and CR2 and records what it gets
 * back: RIP (resumed once, at the right place), the registers, RSP,
 * RFLAGS, CR2 and both GS bases.  Every NMI sent must be followed by the
 * start of a handler run (NMIs may coalesce, as the hardware's own latch
 * does; none may be lost).  Anything that spins is cut off by a bound and
 * escapes through IRETQ.
 *
 * What a scenario finds is a failure kind (nmi_torture_local.h), a sweep's
 * is its windows; the design's descriptor pins what it must find
 * (struct nmi_pin) and anything else fails the torture (nmi_report.c).
 */
#include "arch.h"
#include "lib.h"
#include "proto.h"
#include "variant.h"
#include "x86.h"
#include <arch/apic.h>
#include <arch/desc.h>
#include <arch/nmi.h>
#include <arch/nmi_torture.h>
#include <arch/percpu.h>
#include <arch/ptregs.h>
#include <arch/segment.h>
#include "nmi_torture_local.h"

/*
 * Every arithmetic flag set, and IF: the NMI exits restore IF from the
 * frame (no interrupt source is unmasked, so none can come).
 */
#define TW_FLAGS_CANARY		(X86_EFLAGS_FIXED | X86_EFLAGS_CF | X86_EFLAGS_PF | \
				 X86_EFLAGS_AF | X86_EFLAGS_ZF | X86_EFLAGS_SF | \
				 X86_EFLAGS_OF | X86_EFLAGS_IF)
/* KERNEL_GS_BASE during a scenario: canonical, and not GS_BASE */
#define TW_KGS_CANARY		0x00007e6b67730000ul

/* Not mapped: head.S maps only the first 512 GiB (PML4 slot 0). */
#define FAULT_MAIN		0x0000010000000000ul
#define FAULT_BODY		0x0000010000001000ul
#define FAULT_NMI		0x0000010000002000ul

#define WAIT_BOUND		100000
#define RUNS_BOUND		16	/* handler runs beyond NMIs sent */
#define STEPS_BOUND		20000	/* single steps after a swept NMI */

#define ENTRIES_BOUND		64	/* passes through the entry per scenario */

#define DR6_B0			(1ul << 0)
#define DR6_B1			(1ul << 1)
#define DR6_B2			(1ul << 2)
#define DR6_BS			(1ul << 14)
#define DR7_L0			(1ul << 0)	/* RWn = LENn = 0: instruction */
#define DR7_L1			(1ul << 2)
#define DR7_L2			(1ul << 4)

struct tw_window tw_main, tw_body;

/* nmi_torture.S */
void tw_main_send(void);
void tw_main_touch(void);
void tw_body_int3(void);
void tw_body_touch(void);
void tw_touch(unsigned long addr);
int tw_run(void (*scenario)(void));
__noreturn void tw_escape(int why);
void tw_entry_db(void), tw_entry_bp(void), tw_entry_pf(void);
void tw_iret_to_self(void);
void tw_nmi_swallow(void);
extern volatile bool tw_swallowed;
extern void (*const tw_unexpected[32])(void);
extern const unsigned long tw_fixups[], tw_fixups_end[];

/* GS_BASE and KERNEL_GS_BASE as each scenario starts: what windows must get back */
static u64 gs_want, kgs_want;

/*
 * Canaries for a window: a distinct value in each register, %rdi the
 * address its trigger touches (if it does).
 */
void tw_window_arm(struct tw_window *w, unsigned long rdi)
{
	*w = (struct tw_window){ .want_flags = TW_FLAGS_CANARY };
	for (int r = 0; r < 16; r++)
		w->want[r] = 0x0101010101010101ul * (r + 1) ^ 0xa000000000000000ul;
	w->want[REG_SP] = 0;
	w->want[REG_DI] = rdi;
}

/* The design under torture; its variant's setup() resets its own state. */
static const struct variant *cur_variant;
const struct nmi_design *cur;


/* One scenario's state; the exception handlers and the NMI body share it. */
static volatile struct {
	enum action nmi_action;		/* for the next handler run */
	bool bp_sends, pf_sends, pf_waits;
	bool pending;			/* sent, and no handler run started since */
	u64 runs;
	int depth;			/* handler runs in progress */
	bool watch;			/* single-step everything: the sweep's NMIs came */
	u64 steps, entries;
	unsigned long cr2_want, cr2_got;	/* first #PF that read a wrong CR2 */
} tt;

static u8 db_stack[4096] __aligned(16);

static unsigned long read_dr6(void)
{
	unsigned long v;

	asm volatile("mov %%db6, %0" : "=r"(v));
	return v;
}

/* DR0 on, beside DR1 and DR2 (the SYSCALL gap's breakpoint, nmi_gap.c) */
void tw_arm_dr0(void)
{
	tw_write_dr(7, DR7_L0 | DR7_L1 | DR7_L2);
}

void tw_write_dr(int n, unsigned long v)
{
	switch (n) {
	case 0: asm volatile("mov %0, %%db0" : : "r"(v)); break;
	case 1: asm volatile("mov %0, %%db1" : : "r"(v)); break;
	case 2: asm volatile("mov %0, %%db2" : : "r"(v)); break;
	case 6: asm volatile("mov %0, %%db6" : : "r"(v)); break;
	case 7: asm volatile("mov %0, %%db7" : : "r"(v)); break;
	}
}

static void send(void)
{
	nmi_stat.sent++;
	tt.pending = true;
	apic_self_nmi();
}

/*
 * Block NMIs until the next IRET whatever their state: unblock them (IRET
 * to self) and take one NMI into a gate that leaves without IRET.  An NMI
 * sent after this arrives exactly at the instruction our IRETQ returns to.
 */
static void block_nmis(void)
{
	idt_set_gate(2, tw_nmi_swallow, 0, 0);
	tw_swallowed = false;
	tw_iret_to_self();
	apic_self_nmi();
	for (int i = 0; i < WAIT_BOUND && !tw_swallowed; i++)
		asm volatile("pause");
	if (!tw_swallowed)
		tw_escape(TW_ESC_BLOCK);
	idt_set_gate(2, cur->entry, 0, cur->ist);
}

/* Only where NMIs are not blocked, or it would spin to the bound. */
static bool wait_handled(void)
{
	for (int i = 0; i < WAIT_BOUND && tt.pending; i++)
		asm volatile("pause");
	return !tt.pending;
}

void torture_body(void)
{
	enum action act = tt.nmi_action;

	tt.pending = false;
	tt.runs++;
	if (++nmi_stat.handled > nmi_stat.sent + RUNS_BOUND)
		tw_escape(TW_ESC_RUNS);
	tt.nmi_action = ACT_NONE;
	tt.depth++;
	switch (act) {
	case ACT_NONE:
		break;
	case ACT_INT3:
		tt.bp_sends = true;
		tw_window_arm(&tw_body, 0);
		tw_body_int3();
		break;
	case ACT_TOUCH:
		tt.pf_sends = true;
		tw_window_arm(&tw_body, FAULT_BODY);
		tw_body_touch();
		break;
	case ACT_TOUCH_QUIET:
		tw_touch(FAULT_NMI);
		break;
	}
	tt.depth--;
}

/*
 * Send the NMI that nests in a handler run.  On hardware NMIs are blocked
 * here, inside the NMI, until this exception's IRETQ; in the torture the
 * DR1 watchdog's #DB at the entry has already opened them (any IRET does),
 * so block them again: the NMI must arrive where the IRETQ returns to, in
 * the interrupted window, not inside this handler.
 */
static void send_nested(void)
{
	block_nmis();
	send();
}

void tw_do_bp(void)
{
	if (tt.bp_sends) {
		tt.bp_sends = false;
		send_nested();
	}
}

void tw_do_pf(struct pt_regs *regs)
{
	unsigned long cr2;

	/* As if the NMI hit the first instruction of a #PF entry */
	if (tt.pf_sends) {
		tt.pf_sends = false;
		if (tt.pf_waits) {
			send();		/* outside any NMI: it comes at once */
			wait_handled();
		} else {
			send_nested();
		}
	}
	cr2 = read_cr2();
	if (cr2 != regs->di && !tt.cr2_want) {	/* TOUCH faults on %rdi */
		tt.cr2_want = regs->di;
		tt.cr2_got = cr2;
	}
	for (const unsigned long *f = tw_fixups; f < tw_fixups_end; f += 2) {
		if (f[0] == regs->ip) {
			regs->ip = f[1];
			return;
		}
	}
	tw_escape(TW_ESC_PF);
}

/* An NMI of the sweep's, let in by the #DB's IRETQ before ip runs */
void torture_fire(bool last)
{
	/*
	 * NMIs may be unblocked here already (after an outer NMI's IRETQ
	 * into a repeat or replay path, or any #DB's), and one arriving
	 * inside this handler would be a different test: block them first.
	 */
	block_nmis();
	send();
	if (last)
		tt.watch = true;	/* single-step what follows, so a loop is caught */
}

bool torture_in_handler(void)
{
	return tt.depth != 0;
}

static void count_entry(void)
{
	if (++tt.entries > ENTRIES_BOUND)
		tw_escape(TW_ESC_ENTRIES);
}

/*
 * DR1 (the entry's first instruction: an NMI delivered, or a jump there),
 * single steps (the trace of a sweep, nmi_trace.c, and the watchdog after
 * its last NMI); watchdogs on both: passes through the entry (a replay
 * loop), and steps after the sweep's NMIs.
 */
void tw_do_db(struct pt_regs *regs)
{
	unsigned long dr6 = read_dr6();

	tw_write_dr(6, 0);
	if (dr6 & DR6_B0)
		gap_breakpoint(regs);
	if ((dr6 & DR6_B1) && !(dr6 & DR6_BS)) {
		regs->flags |= X86_EFLAGS_RF;
		count_entry();
		if (trace_on())
			trace_gate(regs);
	}
	if (dr6 & DR6_B2) {
		regs->flags |= X86_EFLAGS_RF;
		if (trace_on())
			trace_returned(regs);
	}
	if (dr6 & DR6_BS) {
		if (regs->ip == (unsigned long)cur->entry)
			count_entry();
		if (tt.watch && ++tt.steps > STEPS_BOUND)
			tw_escape(TW_ESC_STEPS);
		if (trace_on())
			trace_step(regs, tt.watch);
		else
			gap_step(regs);
	}
}

/* Scenario state from scratch; the variant's setup() resets its own. */
static enum action sweep_base;

/* The torture's exception gates: a path's setup() may have put its own in */
void tw_install_gates(void)
{
	for (unsigned v = 0; v < 32; v++)
		if (v != 2)
			idt_set_gate(v, tw_unexpected[v], 0, v == 8 ? IST_DF : 0);
	idt_set_gate(1, tw_entry_db, 0, IST_TW_DB);
	idt_set_gate(3, tw_entry_bp, 0, 0);
	idt_set_gate(14, tw_entry_pf, 0, 0);
	tss.ist[IST_TW_DB - 1] = (unsigned long)(db_stack + sizeof(db_stack));
}

void tw_reset(void)
{
	tw_write_dr(7, 0);
	cur_variant->setup();
	nmi_handler = torture_body;
	tw_install_gates();
	memset((void *)&tt, 0, sizeof(tt));
	tw_main = tw_body = (struct tw_window){ 0 };
	wrmsr(MSR_GS_BASE, (unsigned long)&percpu);	/* an escape from ring 3 may leave the user's */
	wrmsr(MSR_KERNEL_GS_BASE, TW_KGS_CANARY);
	gs_want = (unsigned long)&percpu;
	kgs_want = TW_KGS_CANARY;
	/*
	 * DR1 counts passes through the entry.  Its #DB unmasks NMIs there,
	 * which is harmless: none is ever pending at that point.
	 */
	tw_write_dr(1, (unsigned long)cur->entry);
	tw_write_dr(2, 0);		/* nmi_trace.c: where the handler body returns */
	tw_write_dr(7, DR7_L1 | DR7_L2);
}

static void from_main(enum action act)
{
	tt.nmi_action = act;
	nmi_stat.sent++;
	tt.pending = true;
	tw_window_arm(&tw_main, 0);
	tw_main_send();
	wait_handled();
}

static void scenario_bp(void)
{
	from_main(ACT_INT3);
}

static void scenario_pf(void)
{
	from_main(ACT_TOUCH);
}

static void scenario_cr2(void)
{
	tt.nmi_action = ACT_TOUCH_QUIET;
	tt.pf_sends = tt.pf_waits = true;
	tw_window_arm(&tw_main, FAULT_MAIN);
	tw_main_touch();
}

void tw_say(struct outcome *o, int kind, const char *a, const char *b)
{
	struct text t = { o->detail, o->detail + sizeof(o->detail) - 1 };

	o->kind = kind;
	put_str(&t, a);
	if (b)
		put_str(&t, b);
}

/* "who: resumed with another rdx (0x.. for 0x..)" */
static void say_value(struct outcome *o, int kind, const char *who, u64 want, u64 got)
{
	struct text t = { o->detail, o->detail + sizeof(o->detail) - 1 };

	o->kind = kind;
	put_str(&t, who);
	put_str(&t, ": resumed with another ");
	put_kind(&t, kind);
	put_str(&t, " (");
	put_num(&t, got, 16);
	put_str(&t, " for ");
	put_num(&t, want, 16);
	put_str(&t, ")");
}

/*
 * The whole context a window got back, against what it had; CR2 unless
 * want_cr2 is 0, the GS bases if `gs` (ring 3 cannot read them).
 */
bool tw_window_bad(struct outcome *o, const char *who, const struct tw_window *w,
		   unsigned long want_cr2, bool gs)
{
	if (w->resumes != 1) {
		tw_say(o, K_NEVER, who, ": never resumed");
		return true;
	}
	if (w->rsp != w->rsp_before) {
		say_value(o, K_RSP, who, w->rsp_before, w->rsp);
		return true;
	}
	if (w->flags != w->want_flags) {
		say_value(o, K_RFLAGS, who, w->want_flags, w->flags);
		return true;
	}
	for (int r = 0; r < 16; r++) {
		if (r != REG_SP && w->got[r] != w->want[r]) {
			say_value(o, K_GPR + r, who, w->want[r], w->got[r]);
			return true;
		}
	}
	if (want_cr2 && w->cr2 != want_cr2)
		say_value(o, K_CR2, who, want_cr2, w->cr2);
	else if (gs && w->gs != gs_want)
		say_value(o, K_GS, who, gs_want, w->gs);
	else if (gs && w->kgs != kgs_want)
		say_value(o, K_KGS, who, kgs_want, w->kgs);
	else
		return false;
	return true;
}

/* Why tw_run() escaped, as a kind and its detail */
void tw_escaped(struct outcome *o, int why)
{
	static const struct {
		int kind;
		const char *detail;
	} esc[] = {
		[TW_ESC_TWICE] = { K_TWICE, "an interrupted context resumed twice: its frame was replayed" },
		[TW_ESC_RUNS] = { K_RUNS, "livelock: the handler keeps running" },
		[TW_ESC_ENTRIES] = { K_ENTRIES, "livelock: the entry keeps being re-entered" },
		[TW_ESC_STEPS] = { K_STEPS, "livelock: single steps past the bound after the NMI" },
		[TW_ESC_PF] = { K_PF, "#PF outside the torture's own loads" },
		[TW_ESC_BLOCK] = { K_BLOCK, "the torture could not block NMIs (its own failure)" },
	};

	if (why >= TW_ESC_VECTOR && why < TW_ESC_VECTOR + 32)
		tw_say(o, K_VEC + why - TW_ESC_VECTOR, "unexpected exception", NULL);
	else if (why > 0 && why < (int)N_OF(esc) && esc[why].detail)
		tw_say(o, esc[why].kind, esc[why].detail, NULL);
	else
		tw_say(o, K_BLOCK, "the torture escaped for no known reason (its own failure)", NULL);
}

/* Every NMI sent followed by a handler run (strict: or at least one), no more */
void tw_counts(struct outcome *o, bool strict)
{
	if (tt.pending || nmi_stat.handled < (strict ? nmi_stat.sent : 1))
		tw_say(o, K_LOST, "an NMI was not followed by a handler run", NULL);
	else if (nmi_stat.handled > nmi_stat.sent)
		tw_say(o, K_EXTRA, "the handler ran more often than NMIs were sent", NULL);
}

static struct outcome run(void (*scenario)(void), enum action body, bool strict)
{
	struct outcome o = { .kind = K_OK };
	int why;

	tw_reset();
	why = tw_run(scenario);
	tw_write_dr(7, 0);
	if (why)
		tw_escaped(&o, why);
	else if (tw_window_bad(&o, "the interrupted code", &tw_main,
			       scenario == scenario_cr2 ? FAULT_MAIN : TW_CR2_CANARY, true))
		;
	else if (body == ACT_INT3 && tw_window_bad(&o, "the interrupted handler", &tw_body,
						   TW_CR2_CANARY, true))
		;
	else if (body == ACT_TOUCH && tw_window_bad(&o, "the interrupted handler", &tw_body,
						    FAULT_BODY, true))
		;
	else if (tt.cr2_want)
		tw_say(&o, K_PF_CR2, "a #PF handler read the CR2 of a fault taken in the NMI", NULL);
	else
		tw_counts(&o, strict);
	return o;
}

static void scenario_sweep(void)
{
	from_main(sweep_base);
}

struct outcome torture_sweep_run(enum action body, const u64 *chain, unsigned nchain)
{
	struct outcome o;

	sweep_base = body;
	trace_start(cur, chain, nchain);
	o = run(scenario_sweep, body, false);
	trace_stop();
	return o;
}

/*
 * A design's whole outcome: what each scenario found, and the worst run
 * with its detail (the first of the worst, in scenario order).
 */
#define MAX_SCENARIOS	16

struct tally {
	struct finding f[MAX_SCENARIOS];
	unsigned n;
	struct outcome worst;
	const char *worst_in;
	u64 sent, handled;
};

static struct finding *new_finding(struct tally *t, const char *name, bool sweep)
{
	struct finding *f = &t->f[t->n++];

	*f = (struct finding){ .scenario = name, .sweep = sweep, .kind = K_OK };
	return f;
}

/* The design under torture's tally */
static struct tally *tally;

static bool worst_so_far(const struct outcome *o, const char *scenario)
{
	if (kind_verdict(o->kind) <= kind_verdict(tally->worst.kind))
		return false;
	tally->worst = *o;
	tally->worst_in = scenario;
	return true;
}

bool torture_note(const struct outcome *o, const char *scenario)
{
	tally->sent += nmi_stat.sent;
	tally->handled += nmi_stat.handled;
	return worst_so_far(o, scenario);
}

static void single(const char *name, void (*scenario)(void), enum action body)
{
	struct outcome o = run(scenario, body, true);

	torture_note(&o, name);
	new_finding(tally, name, false)->kind = o.kind;
}

/* The design's worst came from sweep f: say where it landed */
void torture_locate(const char *where, const struct finding *f, unsigned long at)
{
	char detail[sizeof(tally->worst.detail)];
	struct text x = { detail, detail + sizeof(detail) - 1 };

	put_str(&x, where);
	for (unsigned i = 0; i < f->nwin && i < MAX_WINDOWS; i++) {
		if (f->win[i].first <= at && at <= f->win[i].last) {
			put_str(&x, " in the window ");
			put_window(&x, f, &f->win[i]);
		}
	}
	put_str(&x, ": ");
	put_str(&x, tally->worst.detail);
	memcpy(tally->worst.detail, detail, sizeof(detail));
}

/* A sweep that found nothing to land an NMI on proves nothing: a failure */
void sweep_empty(struct finding *f)
{
	struct outcome o;

	tw_say(&o, K_EMPTY, "the sweep found no instruction to land an NMI on "
	       "(the torture's own failure)", NULL);
	f->kind = K_EMPTY;
	worst_so_far(&o, f->scenario);
}

static void sweep(const char *name, enum action base)
{
	sweep_design(new_finding(tally, name, true), cur, base);
}

static void record(const struct variant *v, const struct tally *t, const char *moved)
{
	char summary[1000];
	struct text s = { summary, summary + sizeof(summary) - 1 };
	u64 points = 0, covered = 0;

	summary[0] = '\0';
	for (unsigned i = 0; i < t->n; i++) {
		if (i)
			put_str(&s, " ");
		put_finding(&s, &t->f[i]);
		points += t->f[i].points;
		covered += t->f[i].covered;
	}
	rec_begin("torture");
	rec_str("name", v->name);
	rec_str("expect", v->nmi->pins && v->nmi->pins->scenario ? "unsafe" : "safe");
	rec_str("status", verdict_name(kind_verdict(t->worst.kind)));
	rec_u64("sent", t->sent);
	rec_u64("handled", t->handled);
	rec_u64("points", points);
	rec_u64("covered", covered);
	if (*moved)
		rec_quoted("moved", moved);
	rec_quoted("scenarios", summary);
	if (t->worst.kind != K_OK) {
		rec_str("first", t->worst_in);
		rec_quoted("detail", t->worst.detail);
	}
	rec_end();
}

/* True if the design found exactly what it pins */
static bool torture_one(const struct variant *v)
{
	const struct nmi_design *d = v->nmi;
	static struct tally t;
	char moved[400];
	struct text m = { moved, moved + sizeof(moved) - 1 };
	bool as_pinned;

	t = (struct tally){ .worst = { .kind = K_OK } };
	tally = &t;
	moved[0] = '\0';
	cur_variant = v;
	cur = d;
	single("bp", scenario_bp, ACT_INT3);
	single("pf", scenario_pf, ACT_TOUCH);
	single("cr2", scenario_cr2, ACT_NONE);
	sweep("sweep", ACT_NONE);
	sweep("sweep-bp", ACT_INT3);
	sweep("sweep-pf", ACT_TOUCH);
	t.n += gap_sweeps(&t.f[t.n], MAX_SCENARIOS - t.n);
	as_pinned = !put_moved(&m, t.f, t.n, d->pins);
	record(v, &t, moved);
	return as_pinned;
}

bool nmi_torture(const char *only_variant)
{
	unsigned long db_ist = tss.ist[IST_TW_DB - 1];
	u64 kgs = rdmsr(MSR_KERNEL_GS_BASE);
	bool as_pinned = true;

	for_each_variant(v)
		if (v->family == FAMILY_NMI &&
		    (!only_variant || !strcmp(only_variant, v->name)))
			as_pinned &= torture_one(v);
	nmi_handler = nmi_count;
	tss.ist[IST_TW_DB - 1] = db_ist;
	wrmsr(MSR_KERNEL_GS_BASE, kgs);
	arch_reset_entries();
	return as_pinned;
}
