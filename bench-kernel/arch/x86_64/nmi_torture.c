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
 * Each interrupted context is a WINDOW (nmi_torture.S) that records the
 * RIP (resumed once, at the right place), RSP, RFLAGS and CR2 it gets
 * back.  Every NMI sent must be followed by the start of a handler run
 * (NMIs may coalesce, as the hardware's own latch does; none may be lost).
 * Anything that spins is cut off by a bound and escapes through IRETQ.
 */
#include "arch.h"
#include "lib.h"
#include "proto.h"
#include "variant.h"
#include "x86.h"
#include <entrybench/protocol.h>
#include <arch/apic.h>
#include <arch/desc.h>
#include <arch/nmi.h>
#include <arch/nmi_torture.h>
#include <arch/ptregs.h>
#include <arch/segment.h>

#define TW_CR2_CANARY		0xc2c2c2c2c2c2c000ul
#define TW_FLAGS_CANARY		(X86_EFLAGS_FIXED | X86_EFLAGS_CF | X86_EFLAGS_PF | \
				 X86_EFLAGS_ZF | X86_EFLAGS_SF | X86_EFLAGS_OF)

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
#define DR6_BS			(1ul << 14)
#define DR7_L0			(1ul << 0)	/* RWn = LENn = 0: instruction */
#define DR7_L1			(1ul << 2)

struct tw_window {
	u64 rsp_before, rsp, flags, cr2;
	u32 resumes;
};
ASSERT_OFFSET(struct tw_window, rsp_before, TW_rsp_before);
ASSERT_OFFSET(struct tw_window, rsp, TW_rsp);
ASSERT_OFFSET(struct tw_window, flags, TW_flags);
ASSERT_OFFSET(struct tw_window, cr2, TW_cr2);
ASSERT_OFFSET(struct tw_window, resumes, TW_resumes);

struct tw_window tw_main, tw_body;

/* nmi_torture.S */
void tw_main_send(void);
void tw_main_touch(unsigned long addr);
void tw_body_int3(void);
void tw_body_touch(unsigned long addr);
void tw_touch(unsigned long addr);
int tw_run(void (*scenario)(void));
__noreturn void tw_escape(int why);
void tw_entry_db(void), tw_entry_bp(void), tw_entry_pf(void);
void tw_iret_to_self(void);
void tw_nmi_swallow(void);
extern volatile bool tw_swallowed;
extern void (*const tw_unexpected[32])(void);
extern const unsigned long tw_fixups[], tw_fixups_end[];

/* The design under torture; its variant's setup() resets its own state. */
static const struct variant *cur_variant;
static const struct nmi_design *cur;

enum action { ACT_NONE, ACT_INT3, ACT_TOUCH, ACT_TOUCH_QUIET };

/* One scenario's state; the exception handlers and the NMI body share it. */
static volatile struct {
	enum action nmi_action;		/* for the next handler run */
	bool bp_sends, pf_sends, pf_waits;
	bool pending;			/* sent, and no handler run started since */
	u64 runs;
	int depth;			/* handler runs in progress */
	bool db_armed;
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

static void write_dr(int n, unsigned long v)
{
	switch (n) {
	case 0: asm volatile("mov %0, %%db0" : : "r"(v)); break;
	case 1: asm volatile("mov %0, %%db1" : : "r"(v)); break;
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

static void torture_body(void)
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
		tw_body_int3();
		break;
	case ACT_TOUCH:
		tt.pf_sends = true;
		tw_body_touch(FAULT_BODY);
		break;
	case ACT_TOUCH_QUIET:
		tw_touch(FAULT_NMI);
		break;
	}
	tt.depth--;
}

void tw_do_bp(void)
{
	if (tt.bp_sends) {
		tt.bp_sends = false;
		send();
	}
}

void tw_do_pf(struct pt_regs *regs)
{
	unsigned long cr2;

	/* As if the NMI hit the first instruction of a #PF entry */
	if (tt.pf_sends) {
		tt.pf_sends = false;
		send();
		if (tt.pf_waits)
			wait_handled();
	}
	cr2 = read_cr2();
	if (cr2 != regs->ax && !tt.cr2_want) {	/* TOUCH faults on %rax */
		tt.cr2_want = regs->ax;
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

void tw_do_db(struct pt_regs *regs)
{
	unsigned long dr6 = read_dr6();

	write_dr(6, 0);
	if (dr6 & DR6_B0) {
		if (tt.db_armed && tt.runs && !tt.depth) {
			/*
			 * One NMI, let in by our IRETQ before the instruction
			 * runs.  NMIs may be unblocked here already (after an
			 * outer NMI's IRETQ into a repeat or replay path), and
			 * one arriving inside this handler would be a different
			 * test: block them first.
			 */
			tt.db_armed = false;
			write_dr(7, DR7_L1);
			block_nmis();
			send();
			/* Watchdog: single-step what follows, so a loop is caught */
			regs->flags |= X86_EFLAGS_TF;
		}
		regs->flags |= X86_EFLAGS_RF;
	}
	/*
	 * Watchdogs: passes through the entry (a replay loop runs with TF
	 * clear), and single steps after a swept NMI.
	 */
	if (dr6 & DR6_B1) {
		regs->flags |= X86_EFLAGS_RF;
		if (++tt.entries > ENTRIES_BOUND)
			tw_escape(TW_ESC_ENTRIES);
	}
	if ((dr6 & DR6_BS) && ++tt.steps > STEPS_BOUND)
		tw_escape(TW_ESC_STEPS);
}

/* Scenario state from scratch; the variant's setup() resets its own. */
static enum action sweep_base;

static void reset(void)
{
	write_dr(7, 0);
	cur_variant->setup();
	nmi_handler = torture_body;
	for (unsigned v = 0; v < 32; v++)
		if (v != 2)
			idt_set_gate(v, tw_unexpected[v], 0, v == 8 ? IST_DF : 0);
	idt_set_gate(1, tw_entry_db, 0, IST_TW_DB);
	idt_set_gate(3, tw_entry_bp, 0, 0);
	idt_set_gate(14, tw_entry_pf, 0, 0);
	tss.ist[IST_TW_DB - 1] = (unsigned long)(db_stack + sizeof(db_stack));
	memset((void *)&tt, 0, sizeof(tt));
	tw_main = tw_body = (struct tw_window){ 0 };
	/*
	 * DR1 counts passes through the entry.  Its #DB unmasks NMIs there,
	 * which is harmless: none is ever pending at that point.
	 */
	write_dr(1, (unsigned long)cur->entry);
	write_dr(7, DR7_L1);
}

static void from_main(enum action act)
{
	tt.nmi_action = act;
	nmi_stat.sent++;
	tt.pending = true;
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
	tw_main_touch(FAULT_MAIN);
}

/* Verdicts: protocol.h's names, in its order, which the enum follows. */
static const char *const verdicts[] = { EB_TORTURE_VERDICTS };
enum { SAFE, LOST, FRAME, CR2, CRASHED };
_Static_assert(N_OF(verdicts) == CRASHED + 1, "a name per verdict");

struct outcome {
	int verdict;
	char detail[160];
};

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

static void say(struct outcome *o, int verdict, const char *a, const char *b)
{
	struct text t = { o->detail, o->detail + sizeof(o->detail) - 1 };

	o->verdict = verdict;
	put_str(&t, a);
	if (b)
		put_str(&t, b);
}

static bool window_bad(struct outcome *o, const char *who, const struct tw_window *w,
		       unsigned long want_cr2)
{
	if (w->resumes != 1)
		say(o, FRAME, who, ": never resumed");
	else if (w->rsp != w->rsp_before)
		say(o, FRAME, who, ": resumed with another RSP");
	else if (w->flags != TW_FLAGS_CANARY)
		say(o, FRAME, who, ": resumed with other RFLAGS");
	else if (w->cr2 != want_cr2)
		say(o, CR2, who, ": resumed with another CR2");
	else
		return false;
	return true;
}

static struct outcome run(void (*scenario)(void), enum action body, bool strict)
{
	struct outcome o = { .verdict = SAFE };
	int why;

	reset();
	why = tw_run(scenario);
	write_dr(7, 0);
	if (why == TW_ESC_TWICE)
		say(&o, FRAME, "an interrupted context resumed twice: its frame was replayed", NULL);
	else if (why == TW_ESC_RUNS)
		say(&o, CRASHED, "livelock: the handler keeps running", NULL);
	else if (why == TW_ESC_ENTRIES)
		say(&o, CRASHED, "livelock: the entry keeps being re-entered", NULL);
	else if (why == TW_ESC_STEPS)
		say(&o, CRASHED, "livelock: single steps past the bound after the NMI", NULL);
	else if (why == TW_ESC_BLOCK)
		say(&o, CRASHED, "the torture could not block NMIs (its own failure)", NULL);
	else if (why == TW_ESC_PF)
		say(&o, CRASHED, "#PF outside the torture's own loads", NULL);
	else if (why)
		say(&o, CRASHED, "unexpected exception", NULL);
	else if (window_bad(&o, "the interrupted code",
			    &tw_main, scenario == scenario_cr2 ? FAULT_MAIN : TW_CR2_CANARY))
		;
	else if (body == ACT_INT3 && window_bad(&o, "the interrupted handler", &tw_body,
						TW_CR2_CANARY))
		;
	else if (body == ACT_TOUCH && window_bad(&o, "the interrupted handler", &tw_body,
						 FAULT_BODY))
		;
	else if (tt.cr2_want)
		say(&o, CR2, "a #PF handler read the CR2 of a fault taken in the NMI", NULL);
	else if (tt.pending || nmi_stat.handled < (strict ? nmi_stat.sent : 1))
		say(&o, LOST, "an NMI was not followed by a handler run", NULL);
	else if (nmi_stat.handled > nmi_stat.sent)
		say(&o, FRAME, "the handler ran more often than NMIs were sent", NULL);
	return o;
}

static unsigned long sweep_addr;

static void scenario_sweep(void)
{
	tt.db_armed = true;
	write_dr(0, sweep_addr);
	write_dr(7, DR7_L0 | DR7_L1);
	from_main(sweep_base);
}

/* The whole verdict of one design: the worst of its scenarios. */
struct tally {
	struct outcome worst;
	const char *worst_in;
	u64 sent, handled;
	struct text summary;
};

static void note(struct tally *t, const char *scenario, const struct outcome *o)
{
	t->sent += nmi_stat.sent;
	t->handled += nmi_stat.handled;
	if (o->verdict > t->worst.verdict) {
		t->worst = *o;
		t->worst_in = scenario;
	}
}

static void single(struct tally *t, const char *name, void (*scenario)(void),
		   enum action body)
{
	struct outcome o = run(scenario, body, true);

	note(t, name, &o);
	put_str(&t->summary, name);
	put_str(&t->summary, "=");
	put_str(&t->summary, verdicts[o.verdict]);
	put_str(&t->summary, " ");
}

/*
 * The windows of a sweep: runs of consecutive instructions hit (bytes that
 * are no instruction, or never reached unmasked, do not break a run) where
 * an NMI was not survived.  The first SWEEP_WINDOWS are named by offset.
 */
#define SWEEP_WINDOWS		3

struct sweep_window {
	unsigned long first, last;	/* offsets of its first and last instruction */
};

static void put_window(struct text *t, const struct sweep_window *w)
{
	put_str(t, "+");
	put_num(t, w->first, 16);
	put_str(t, "..+");
	put_num(t, w->last, 16);
}

/*
 * name=<worst verdict>[@<first bad offset>](<bad>/<instructions hit>
 * [ at <window> ...]), and the design's detail, if its worst outcome came
 * from this sweep, starts with where the NMI landed and in which window.
 */
static void sweep(struct tally *t, const char *name, const struct nmi_design *d,
		  enum action base)
{
	unsigned long begin = (unsigned long)d->entry, end = (unsigned long)d->entry_end;
	u64 hit = 0, bad = 0;
	struct outcome worst = { .verdict = SAFE };
	unsigned long worst_at = 0;
	struct sweep_window win[SWEEP_WINDOWS];
	unsigned nwin = 0;		/* windows seen, kept or not */
	bool in_window = false;

	sweep_base = base;
	for (sweep_addr = begin; sweep_addr < end; sweep_addr++) {
		struct outcome o = run(scenario_sweep, base, false);
		unsigned long off = sweep_addr - begin;

		if (tt.db_armed)
			continue;	/* not an instruction, or never reached unmasked */
		hit++;
		note(t, name, &o);
		if (o.verdict != SAFE) {
			bad++;
			if (!in_window)
				nwin++;
			if (nwin <= SWEEP_WINDOWS) {
				if (!in_window)
					win[nwin - 1].first = off;
				win[nwin - 1].last = off;
			}
		}
		in_window = o.verdict != SAFE;
		if (o.verdict > worst.verdict) {
			worst = o;
			worst_at = off;
		}
	}
	put_str(&t->summary, name);
	put_str(&t->summary, "=");
	put_str(&t->summary, verdicts[worst.verdict]);
	if (worst.verdict != SAFE) {
		put_str(&t->summary, "@+");
		put_num(&t->summary, worst_at, 16);
	}
	put_str(&t->summary, "(");
	put_num(&t->summary, bad, 10);
	put_str(&t->summary, "/");
	put_num(&t->summary, hit, 10);
	for (unsigned i = 0; i < nwin && i < SWEEP_WINDOWS; i++) {
		put_str(&t->summary, i ? " " : " at ");
		put_window(&t->summary, &win[i]);
	}
	if (nwin > SWEEP_WINDOWS)
		put_str(&t->summary, " ...");
	put_str(&t->summary, ") ");

	/* The design's worst is this sweep's first worst run: say where */
	if (worst.verdict != SAFE && t->worst_in == name) {
		char detail[sizeof(t->worst.detail)];
		struct text x = { detail, detail + sizeof(detail) - 1 };

		put_str(&x, "NMI at +");
		put_num(&x, worst_at, 16);
		for (unsigned i = 0; i < nwin && i < SWEEP_WINDOWS; i++) {
			if (win[i].first <= worst_at && worst_at <= win[i].last) {
				put_str(&x, " in the window ");
				put_window(&x, &win[i]);
			}
		}
		put_str(&x, ": ");
		put_str(&x, t->worst.detail);
		memcpy(t->worst.detail, detail, sizeof(detail));
	}
}

static bool torture_one(const struct variant *v)
{
	const struct nmi_design *d = v->nmi;
	char summary[200];
	struct tally t = {
		.worst = { .verdict = SAFE },
		.summary = { summary, summary + sizeof(summary) - 1 },
	};
	bool unsafe;

	summary[0] = '\0';
	cur_variant = v;
	cur = d;
	single(&t, "bp", scenario_bp, ACT_INT3);
	single(&t, "pf", scenario_pf, ACT_TOUCH);
	single(&t, "cr2", scenario_cr2, ACT_NONE);
	sweep(&t, "sweep", d, ACT_NONE);
	sweep(&t, "sweep-bp", d, ACT_INT3);
	if (t.summary.p > summary)
		t.summary.p[-1] = '\0';	/* the last space */

	rec_begin("torture");
	rec_str("name", v->name);
	rec_str("expect", d->expect_unsafe ? "unsafe" : "safe");
	rec_str("status", verdicts[t.worst.verdict]);
	rec_u64("sent", t.sent);
	rec_u64("handled", t.handled);
	rec_quoted("scenarios", summary);
	if (t.worst.verdict != SAFE) {
		rec_str("first", t.worst_in);
		rec_quoted("detail", t.worst.detail);
	}
	rec_end();
	unsafe = t.worst.verdict != SAFE;
	return unsafe == d->expect_unsafe;
}

bool nmi_torture(const char *only_variant)
{
	unsigned long db_ist = tss.ist[IST_TW_DB - 1];
	bool as_expected = true;

	for_each_variant(v)
		if (v->family == FAMILY_NMI &&
		    (!only_variant || !strcmp(only_variant, v->name)))
			as_expected &= torture_one(v);
	nmi_handler = nmi_count;
	tss.ist[IST_TW_DB - 1] = db_ist;
	arch_reset_entries();
	return as_expected;
}

