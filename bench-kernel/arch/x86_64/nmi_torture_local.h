/*
 * Shared by the parts of the NMI torture (nmi_torture.c, the scenarios and
 * the record; nmi_report.c, failure kinds, windows and what moved against a
 * design's pins).  Not for anyone else: arch/nmi_torture.h is the interface.
 */
#ifndef NMI_TORTURE_LOCAL_H
#define NMI_TORTURE_LOCAL_H

#include "types.h"
#include <arch/nmi.h>

/* Bounded text building: appends, truncates, always NUL-terminated. */
struct text {
	char *p, *end;
};
void put_str(struct text *t, const char *s);
void put_num(struct text *t, u64 v, unsigned base);

/* Verdicts, worst last; their names are the protocol's (protocol.h). */
enum { SAFE, LOST, FRAME, CR2, CRASHED };
const char *verdict_name(int verdict);

/*
 * Failure kinds: what exactly went wrong, each under one verdict.  The
 * names (kind_name()) are what designs pin: "ok", "lost", "never",
 * "twice", "rsp", "rflags", a register ("rdx"), "gs", "kgs", "extra",
 * "mem", "cr2", "pf-cr2", "runs", "entries", "steps", "block", "pf",
 * "v<vector>".
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
	u64 points, bad;		/* a sweep: points hit, and failing */
	unsigned long base;		/* a sweep prints addresses from here */
	struct window win[MAX_WINDOWS];
	unsigned nwin;			/* windows found, kept or not */
	bool open;			/* the last point added failed */
};

/* A sweep's points, in address order; a point's kind is its worst. */
void finding_add_point(struct finding *f, unsigned long addr, int kind);
/* "name=verdict", "(kind)" or "(bad/points +0x..+0x..:kind ...)" */
void put_finding(struct text *t, const struct finding *f);
void put_window(struct text *t, const struct finding *f, const struct window *w);
/*
 * Compares what the scenarios found with the design's pins; appends
 * "scenario: new W, vanished W, kind K->K at W; ..." for each that
 * differs and returns whether any did.
 */
bool put_moved(struct text *t, const struct finding *f, unsigned n,
	       const struct nmi_pin *pins);

#endif
