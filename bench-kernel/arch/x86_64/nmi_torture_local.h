/*
 * Shared by the parts of the NMI torture (nmi_torture.c, the scenarios and
 * the record; nmi_report.c, failure kinds, windows and what moved against a
 * design's pins).  Not for anyone else: arch/nmi_torture.h is the interface.
 */
#ifndef NMI_TORTURE_LOCAL_H
#define NMI_TORTURE_LOCAL_H

#include "lib.h"
#include "types.h"
#include <arch/nmi.h>
#include <arch/nmi_torture.h>

/* Bounded text building: appends, truncates, always NUL-terminated. */
struct text {
	char *p, *end;
};
void put_str(struct text *t, const char *s);
void put_num(struct text *t, u64 v, unsigned base);

/* Verdicts, worst last, in the order of protocol.h's EB_TORTURE_VERDICTS. */
enum { SAFE, LOST, FRAME, CR2, CRASHED };
const char *verdict_name(int verdict);

/*
 * Failure kinds: what exactly went wrong, each under one verdict.  The
 * names (kind_name()) are what designs pin: "ok", "lost", "never",
 * "twice", "rsp", "rflags", a register ("rdx"), "gs", "kgs", "extra",
 * "mem", "cr2", "pf-cr2", "runs", "entries", "steps", "block", "empty",
 * "pf", "v<vector>".
 */
enum {
	K_OK,
	K_LOST,				/* an NMI had no handler run */
	K_NEVER,			/* the interrupted context never resumed */
	K_TWICE,			/* ... resumed twice: its frame was replayed */
	K_RSP, K_RFLAGS,		/* ... resumed with another RSP, RFLAGS */
	K_GPR,				/* + REG_*: ... with another register */
	K_GS = K_GPR + 16,		/* ... with another GS base */
	K_KGS,				/* ... with another KERNEL_GS_BASE */
	K_EXTRA,			/* more handler runs than NMIs */
	K_MEM,				/* the NMI wrote memory at the interrupted RSP */
	K_CR2,				/* ... resumed with another CR2 */
	K_PF_CR2,			/* a #PF read the CR2 of the NMI's fault */
	K_RUNS, K_ENTRIES, K_STEPS,	/* livelocks: handler runs, entries, steps */
	K_BLOCK,			/* the torture could not block NMIs */
	K_EMPTY,			/* a sweep found no point to land on */
	K_PF,				/* #PF with no fixup */
	K_VEC,				/* + vector: an unexpected exception */
	NR_KINDS = K_VEC + 32
};
int kind_verdict(int kind);
void put_kind(struct text *t, int kind);

/* What one scenario found: one run's kind, or a sweep's windows */
#define MAX_WINDOWS	8

struct window {
	unsigned long first, last;	/* addresses of its first and last point */
	int kind;
};

struct finding {
	const char *scenario;
	bool sweep;
	int kind;			/* one run: its kind; a sweep: its worst */
	u64 points, covered, bad;	/* a sweep: points that exist, those an
					   NMI landed on, and those that failed */
	unsigned long base, end;	/* a sweep's code; addresses print from base */
	const struct nmi_sym *syms;	/* ... or as symbol+offset, if these are set */
	unsigned nsyms;
	struct window win[MAX_WINDOWS];
	unsigned nwin;			/* windows found, kept or not */
	bool open;			/* the last address added failed */
};

/* A sweep's addresses in order, each with the worst kind of its points */
void finding_add_addr(struct finding *f, unsigned long addr, int kind);
/* "name=verdict", "(kind)" or "(bad/covered[ of points] +0x..+0x..:kind ...)" */
void put_finding(struct text *t, const struct finding *f);
void put_window(struct text *t, const struct finding *f, const struct window *w);
void put_addr(struct text *t, const struct finding *f, unsigned long addr);
/*
 * Compares what the scenarios found with the design's pins; appends
 * "scenario: new W, vanished W, kind K->K at W; ..." for each that
 * differs and returns whether any did.
 */
bool put_moved(struct text *t, const struct finding *f, unsigned n,
	       const struct nmi_pin *pins);

/* nmi_torture.c: the scenarios and their runs */

/* An interruptible context (nmi_torture.S's WINDOW): what it had and got back */
struct tw_window {
	u64 want[16], got[16];		/* general registers by REG_* (not RSP) */
	u64 want_flags, flags;
	u64 rsp_before, rsp;
	u64 cr2, gs, kgs;
	u64 scratch;
	u32 resumes;
};
ASSERT_OFFSET(struct tw_window, want, TW_want);
ASSERT_OFFSET(struct tw_window, got, TW_got);
ASSERT_OFFSET(struct tw_window, want_flags, TW_want_flags);
ASSERT_OFFSET(struct tw_window, flags, TW_flags);
ASSERT_OFFSET(struct tw_window, rsp_before, TW_rsp_before);
ASSERT_OFFSET(struct tw_window, rsp, TW_rsp);
ASSERT_OFFSET(struct tw_window, cr2, TW_cr2);
ASSERT_OFFSET(struct tw_window, gs, TW_gs);
ASSERT_OFFSET(struct tw_window, kgs, TW_kgs);
ASSERT_OFFSET(struct tw_window, scratch, TW_scratch);
ASSERT_OFFSET(struct tw_window, resumes, TW_resumes);


void tw_window_arm(struct tw_window *w, unsigned long rdi);
enum action { ACT_NONE, ACT_INT3, ACT_TOUCH, ACT_TOUCH_QUIET };

struct outcome {
	int kind;
	char detail[160];
};

extern const struct nmi_design *cur;	/* the design under torture */

/* The pieces of a run, for the SYSCALL gap's runs (nmi_gap.c) */
void tw_reset(void);
void tw_install_gates(void);
int tw_run(void (*scenario)(void));
void tw_say(struct outcome *o, int kind, const char *a, const char *b);
bool tw_window_bad(struct outcome *o, const char *who, const struct tw_window *w,
		   unsigned long want_cr2, bool gs);
void tw_escaped(struct outcome *o, int why);
void tw_counts(struct outcome *o, bool strict);
void tw_arm_dr0(void);
/*
 * One run of the sweep scenario: the first NMI from the main window, its
 * handler run doing `body`, traced with `chain` (nmi_trace.c).
 */
struct outcome torture_sweep_run(enum action body, const u64 *chain, unsigned nchain);
/* nmi_trace.c calls these: an NMI now, at this point; and are we in a handler run? */
void torture_fire(bool last);
void torture_body(void);		/* the NMI handler body of the torture */
void tw_write_dr(int n, unsigned long v);
bool torture_in_handler(void);
__noreturn void tw_escape(int why);
/*
 * After each run: its NMI counts, and whether it is the design's worst so
 * far; torture_locate() then puts where its NMI landed (and its window of
 * f) before the worst's detail.
 */
bool torture_note(const struct outcome *o, const char *scenario);
void torture_locate(const char *where, const struct finding *f, unsigned long at);
void sweep_empty(struct finding *f);

/* nmi_trace.c: passes, contexts and points of the entry under torture */
#define MAX_SEEN	256		/* open points one run reports */
#define TRACE_BOUND	20000		/* steps in one run */

struct trace_point {
	u64 key;			/* the context and the instruction */
	unsigned long rip;
};

struct pt_regs;
void trace_start(const struct nmi_design *d, const u64 *chain, unsigned nchain);
void trace_stop(void);
bool trace_on(void);
unsigned trace_fired(void);
const struct trace_point *trace_seen(unsigned *n);
void trace_gate(struct pt_regs *regs);
void trace_step(struct pt_regs *regs, bool watching);
void trace_returned(struct pt_regs *regs);

/* nmi_sweep.c: an NMI on every open point of the entry, in every context */
void sweep_design(struct finding *f, const struct nmi_design *d, enum action base);

/* nmi_gap.c: the SYSCALL gap of every path, one finding per path and RSP */
unsigned gap_sweeps(struct finding *f, unsigned room);
void gap_breakpoint(struct pt_regs *regs);
bool gap_step(struct pt_regs *regs);

#endif
