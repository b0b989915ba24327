/*
 * What the NMI designs (the variants of family nmi, variants/x86_64/nmi_*)
 * share: their descriptor part, their IST stack, the C handler they all
 * call, the counters their checks and the torture test (nmi_torture.c)
 * read.  Usable from C and assembly.
 *
 * The NMI designs bring their own IST stack instead of desc.c's: the XOR
 * design needs it aligned to its size, and the copied and fake-NMI designs
 * need its bounds and top as constants.
 */
#ifndef ARCH_NMI_H
#define ARCH_NMI_H

#include <arch/segment.h>

#define NMI_STACK_SIZE		16384
#define NMI_XOR_HALF		(NMI_STACK_SIZE / 2)	/* nmi-ist-xor: two halves */
#define NMI_STACK_TOP		(nmi_ist_stack + NMI_STACK_SIZE)

/* tss.ist[IST_NMI - 1], for entry code that moves it (desc.h's layout) */
#define TSS_ist			36
#define TSS_IST_NMI		(TSS_ist + (IST_NMI - 1) * 8)

/* struct nmi_stat, for assembly */
#define NMI_STAT_sent		0
#define NMI_STAT_handled	8

#ifdef __ASSEMBLER__

/*
 * Call the handler with pt_regs built, as Linux's exc_nmi(): an NMI that
 * hit a page-fault entry before it read CR2 must not hand that entry the
 * address of a fault the NMI handler took, so CR2 is put back if the
 * handler changed it.  %r12 is free: pt_regs->r12 holds the interrupted one.
 */
.macro NMI_CALL_HANDLER save_cr2=1
	.if \save_cr2
	movq	%cr2, %r12
	.endif
	call	*nmi_handler(%rip)
	.if \save_cr2
	movq	%cr2, %rax
	cmpq	%rax, %r12
	je	.Lcr2_kept\@
	movq	%r12, %cr2		/* only if changed: the write is not free */
.Lcr2_kept\@:
	.endif
.endm

#else

#include "lib.h"

/*
 * A failure the torture is pinned to find in a design (nmi_torture.c): in
 * scenario `scenario`, at the instructions `first` .. `last` (a window of a
 * sweep, as addresses: symbol + offset; both 0 for a scenario that is one
 * run), of failure kind `kind` (the torture's names: "twice", "rdx",
 * "entries", "v13", ...).  Whatever is not pinned must come out safe, and
 * whatever is pinned must come out exactly so: a new window, a vanished
 * one or another kind fails the torture and says what moved.
 */
struct nmi_pin {
	const char *scenario;
	unsigned long first, last;
	const char *kind;
};
#define NMI_PIN(scenario, kind)	{ scenario, 0, 0, kind }
#define NMI_PIN_WINDOW(scenario, sym, from, to, kind) \
	{ scenario, (unsigned long)(sym) + (from), (unsigned long)(sym) + (to), kind }
/* A window from one symbol into another (a path through several pieces) */
#define NMI_PIN_SPAN(scenario, sym, from, sym_to, to, kind) \
	{ scenario, (unsigned long)(sym) + (from), (unsigned long)(sym_to) + (to), kind }

/* A symbol the torture names addresses by */
struct nmi_sym {
	const char *name;
	void (*addr)(void);
};

/*
 * An NMI design, the `nmi` member of its variant's descriptor: what the
 * torture sweeps and installs, what eb.nmi= installs for a whole boot, and
 * what the torture must find.  A design with pins claims to be unsafe.
 */
struct nmi_design {
	void (*entry)(void);		/* the gate's target ... */
	void (*entry_end)(void);	/* ... and the end of its code */
	int ist;			/* the gate's IST slot, 0 for none */
	const struct nmi_pin *pins;	/* ends with a NULL scenario; NULL: none */
};

/* One CPU: plain globals stand in for per-CPU variables. */
struct nmi_stat {
	u64 sent;		/* self-NMIs sent (trips and torture) */
	u64 handled;		/* handler runs */
};
extern struct nmi_stat nmi_stat;
ASSERT_OFFSET(struct nmi_stat, sent, NMI_STAT_sent);
ASSERT_OFFSET(struct nmi_stat, handled, NMI_STAT_handled);

extern u8 nmi_ist_stack[NMI_STACK_SIZE];

/* The body every NMI design calls: nmi_count(), or the torture's. */
extern void (*nmi_handler)(void);
void nmi_count(void);

/*
 * For a variant's setup(): counters and handler reset, APIC on, the
 * design's gate in, its IST slot (if any) pointing at ist_top.
 */
void nmi_setup(const struct nmi_design *design, unsigned long ist_top);
/* For a variant's check(): every NMI sent since setup was handled once. */
const char *nmi_check_counts(void);

void nmi_trip(void);		/* one self-NMI round trip (nmi_common.S) */

/*
 * eb.nmi=: NMI design v's entry handles every NMI of the boot, counts it in
 * nmi_system_handled and acknowledges it to the host on EB_PORT_NMI_ACK
 * (protocol.h); the timed NMI designs and the torture never do.
 * nmi_system_regate() puts its gate back after the IDT was reset; false
 * without eb.nmi.
 */
struct variant;
void nmi_system_install(const struct variant *v);
bool nmi_system_regate(void);
extern volatile u64 nmi_system_handled;

#endif

#endif
