/*
 * Where in an NMI design's entry code the CPU is, and in which context: the
 * NMI torture's sweeps (nmi_sweep.c) land an NMI on each instruction in
 * every context in which it executes, and this is how they tell contexts
 * apart.
 *
 * The entry runs in PASSES.  A pass begins when an NMI is delivered to the
 * gate (DR1, a breakpoint on the entry's first instruction, sees it) or when
 * an IRETQ in the entry lands in the entry again (the repeat and replay
 * paths); it ends when execution returns to the place the NMI interrupted.
 * A pass is single-stepped from its start (TF in the #DB frame), except
 * while it runs the handler body: the step into torture_body turns TF off
 * and puts DR2 on the return address, whose #DB turns it on again (so the
 * stack is exactly what it is untraced: an unsafe design that overwrites
 * it must overwrite the same thing).  A POINT is an instruction about to execute in a pass,
 * and its CONTEXT is how the pass began and the instructions the pass ran
 * before it (since its last jump back, if any): the repeat pass's exit, the
 * replay's exit, the exit after a CR2 restore, a pass that an NMI in the
 * atomic region started, are each a context of their own, and a path that
 * comes back the same way is the same context.
 *
 * A point is open to an NMI where the hardware would let one in: not inside
 * a handler run, and not in a pass the CPU began by NMI delivery until its
 * handler has run (NMIs are blocked until some IRET, and the torture takes
 * the handler's IRETs, or its own #DB's, for that).  A run is given a CHAIN
 * of points (nmi_sweep.c): an NMI is fired at each in turn, and the open
 * points seen after the last are what that run adds.
 */
#include "lib.h"
#include "processor-flags.h"
#include <arch/ptregs.h>
#include <arch/nmi_torture.h>
#include "nmi_torture_local.h"

#define MAX_PASSES	8
#define OPCODE_IRETQ	0xcf48		/* REX.W IRET, as a little-endian u16 */

enum { PASS_GATE, PASS_IRET };

struct pass {
	int how;			/* PASS_GATE or PASS_IRET */
	bool handled;			/* its call of the handler returned */
	unsigned long resume, resume_sp;	/* where the NMI it serves interrupted:
					   RIP and RSP (the pass may run that RIP itself) */
	u64 path;			/* its context: how it began, what it ran */
	unsigned long last;		/* the last instruction it ran */
};

static struct {
	bool on;
	unsigned long begin, end;	/* the entry's code */
	struct pass pass[MAX_PASSES];
	int n;
	unsigned long prev;		/* the last instruction stepped in the entry */
	unsigned long ret;		/* where the handler body returns (DR2) */
	unsigned long resumed;		/* the last step returned a pass here */
	const u64 *chain;		/* fire an NMI at each of these in turn */
	unsigned nchain, fired;
	struct trace_point seen[MAX_SEEN];	/* open points after the chain */
	unsigned nseen;
	u64 steps;
} tr;

/* FNV-1a's prime, and a fold so that nearby offsets spread */
static u64 mix(u64 h, u64 v)
{
	h = (h ^ v) * 0x100000001b3ull;
	return h ^ (h >> 29);
}

static bool in_entry(unsigned long ip)
{
	return ip >= tr.begin && ip < tr.end;
}

void trace_start(const struct nmi_design *d, const u64 *chain, unsigned nchain)
{
	tr = (typeof(tr)){
		.on = true,
		.begin = (unsigned long)d->entry, .end = (unsigned long)d->entry_end,
		.chain = chain, .nchain = nchain,
	};
}

void trace_stop(void)
{
	tr.on = false;
}

bool trace_on(void)
{
	return tr.on;
}

unsigned trace_fired(void)
{
	return tr.fired;
}

const struct trace_point *trace_seen(unsigned *n)
{
	*n = tr.nseen;
	return tr.seen;
}

static void begin_pass(int how, unsigned long resume, unsigned long resume_sp)
{
	if (tr.n == MAX_PASSES)
		tw_escape(TW_ESC_ENTRIES);	/* nested beyond reason: a loop */
	tr.pass[tr.n++] = (struct pass){ .how = how, .resume = resume,
					 .resume_sp = resume_sp, .path = mix(0, (u64)how) };
}

/*
 * The instruction at ip is about to run in the top pass: a point.  A jump
 * back (the fake NMI's, the replay's) starts the context afresh from there,
 * so that a loop run once more is the same context, not a new one.
 */
static void point(unsigned long ip)
{
	struct pass *p = &tr.pass[tr.n - 1];
	bool open = !torture_in_handler() && (p->how != PASS_GATE || p->handled);
	u64 key;

	if (p->last && ip <= p->last)
		p->path = mix(mix(0, (u64)p->how), ~0ull);
	key = mix(p->path, ip - tr.begin);
	p->path = key;
	p->last = ip;
	if (!open)
		return;
	if (tr.fired < tr.nchain) {
		if (key == tr.chain[tr.fired]) {
			tr.fired++;
			torture_fire(tr.fired == tr.nchain);
		}
		return;
	}
	if (tr.nseen < MAX_SEEN)
		tr.seen[tr.nseen++] = (struct trace_point){ key, ip };
}

/* DR1: an NMI delivered to the gate; regs->sp is at its frame */
void trace_gate(struct pt_regs *regs)
{
	const struct hw_frame *frame = (const struct hw_frame *)regs->sp;

	begin_pass(PASS_GATE, frame->ip, frame->sp);
	point(regs->ip);
	tr.prev = regs->ip;
	regs->flags |= X86_EFLAGS_TF;
}

/* A pass returned to where its NMI interrupted: it and any above it end */
static bool returned(unsigned long ip, unsigned long sp)
{
	for (int i = tr.n - 1; i >= 0; i--) {
		if (tr.pass[i].resume == ip && tr.pass[i].resume_sp == sp) {
			tr.n = i;
			return true;
		}
	}
	return false;
}

/*
 * A single step: regs->ip is the next instruction.  Out of the entry,
 * stepping stops unless `watching` (after the last NMI of the chain
 * everything is stepped, as a watchdog).
 */
void trace_step(struct pt_regs *regs, bool watching)
{
	unsigned long ip = regs->ip;
	bool from_iret = in_entry(tr.prev) && *(const u16 *)tr.prev == OPCODE_IRETQ;

	if (++tr.steps > TRACE_BOUND)
		tw_escape(TW_ESC_STEPS);
	tr.resumed = 0;
	if (returned(ip, regs->sp)) {
		tr.resumed = ip;	/* the point at ip was taken before the NMI came */
	} else if (in_entry(ip) && ip != tr.ret) {	/* DR2's #DB takes that one */
		if (from_iret || !tr.n) {
			struct pass ended = tr.n ? tr.pass[--tr.n] : (struct pass){ 0 };

			begin_pass(PASS_IRET, ended.resume, ended.resume_sp);
		}
		point(ip);
	}
	if (ip == (unsigned long)torture_body) {
		tr.ret = *(const unsigned long *)regs->sp;
		tw_write_dr(2, tr.ret);
	}
	tr.prev = in_entry(ip) ? ip : 0;
	if (in_entry(ip) && tr.n)
		regs->flags |= X86_EFLAGS_TF;	/* an IRETQ or POPFQ may have cleared it */
	else if (!watching)
		regs->flags &= ~X86_EFLAGS_TF;
	if (ip == tr.begin)
		regs->flags |= X86_EFLAGS_RF;	/* a jump to the entry: not DR1's gate */
}

/* DR2: the handler body returned to its pass, which goes on traced */
void trace_returned(struct pt_regs *regs)
{
	if (!tr.n)
		return;
	regs->flags |= X86_EFLAGS_TF;
	if (regs->ip == tr.resumed)
		return;		/* an NMI there came and went: taken already */
	tr.pass[tr.n - 1].handled = true;
	point(regs->ip);
	tr.prev = regs->ip;
}
