/*
 * A probe: one way of making a real Linux kernel run one of its entry paths
 * from user space, timed like a bench-kernel variant and named so that the
 * model and the real thing sit side by side (`peer`: the bench-kernel
 * variant that models this path, family: the same words as variants/).
 * Each lives in probes/<name>.c and registers itself with
 *
 *	PROBE(getppid_syscall) = {
 *		.name = "getppid-syscall",
 *		.family = "syscall",
 *		.peer = "syscall-ptregs",
 *		...
 *	};
 *
 * which places the descriptor in the eb_probes section; bench.c walks it, so
 * adding a probe is adding its file and nothing else.
 *
 * Per selected probe (measure.c): unsupported() -> setup() -> prepare() ->
 * one checked round trip from canary registers -> prepare() -> warm-up ->
 * per batch: prepare(), k empty trips (the overhead), k round trips ->
 * teardown().  trip() is called from the bench kernel's own timed loop and
 * check (bench-kernel/arch/<mode>/timing.S); it may clobber what `clobbers`
 * lists and must leave `expect()` in the result register when that is set.
 */
#ifndef EB_PROBE_H
#define EB_PROBE_H

#include <stdbool.h>
#include <stdint.h>

#include <entrybench/protocol.h>
#include <arch/regs.h>

struct guest_config;

/* Why a check failed, or on a pass what the reader should know (may be ""). */
#define MEASURE_DETAIL	(EB_PROTO_MAX_LINE / 2)

struct measurement {
	bool passed;
	char detail[MEASURE_DETAIL];
	uint64_t nbatches;
	uint64_t overhead[EB_MAX_BATCHES];
	uint64_t ticks[EB_MAX_BATCHES];
};

struct probe {
	const char *name;	/* [a-z0-9_-]+, as in results */
	const char *family;	/* the bench-kernel family of this entry */
	const char *peer;	/* the bench-kernel variant modelling it, or NULL */
	const char *models;	/* the path it takes, one sentence */
	const char *source;	/* where in Linux that path is */

	/* Family and peer when they depend on the CPU (NULL: the fields). */
	const char *(*family_here)(void);
	const char *(*peer_here)(void);

	/*
	 * Correctness: after one trip from canary register values every
	 * register keeps its value, except those in `clobbers` (REG_BIT()s)
	 * and REG_RESULT when expect is set: it must then equal expect().
	 * RSP always counts; RFLAGS unless clobbered, but for the bits in
	 * flags_clobbers.
	 */
	unsigned long clobbers;
	unsigned long flags_clobbers;	/* RFLAGS bits that may change */
	long (*expect)(void);

	const char *(*unsupported)(const struct guest_config *cfg);	/* NULL or why not */
	const char *(*setup)(const struct guest_config *cfg);	/* NULL or what failed */
	void (*prepare)(void);		/* untimed, before each timed stretch */
	void (*trip)(void);
	const char *(*check)(void);	/* after the checked trip: NULL or what failed */
	const char *(*note)(void);	/* said on a pass (entry used, clocksource) */
	void (*teardown)(void);

	/* Instead of all of the above: measured elsewhere (a 32-bit helper). */
	void (*measure)(const struct probe *p, const struct guest_config *cfg,
			struct measurement *m);
};

#define PROBE(ident)							\
	static const struct probe ident;				\
	static const struct probe *const probe_ptr_##ident		\
	__attribute__((used, section("eb_probes"))) = &ident;		\
	static const struct probe ident

extern const struct probe *const __start_eb_probes[];
extern const struct probe *const __stop_eb_probes[];

/* `continue` works in its body; `break` would only end the inner loop. */
#define for_each_probe(p)						\
	for (const struct probe *const *p##_it = __start_eb_probes;	\
	     p##_it < __stop_eb_probes; p##_it++)			\
		for (const struct probe *p = *p##_it; p; p = NULL)

/* The arithmetic flags: CF, PF, AF, ZF, SF, OF. */
#define ARITH_FLAGS	(0x1ul | 0x4ul | 0x10ul | 0x40ul | 0x80ul | 0x800ul)

/* What the C ABI lets a function called from C clobber, flags included. */
#ifdef __x86_64__
#define C_CLOBBERS	(REG_BIT(REG_AX) | REG_BIT(REG_CX) | REG_BIT(REG_DX) | \
			 REG_BIT(REG_SI) | REG_BIT(REG_DI) | REG_BIT(REG_R8) | \
			 REG_BIT(REG_R9) | REG_BIT(REG_R10) | REG_BIT(REG_R11) | \
			 REG_BIT(REG_FLAGS))
#else
#define C_CLOBBERS	(REG_BIT(REG_AX) | REG_BIT(REG_CX) | REG_BIT(REG_DX) | \
			 REG_BIT(REG_FLAGS))
#endif

/*
 * A round trip in assembly, called by the timed loop: NAME: BODY ret.  The
 * loop calls it through a register, exactly as it calls a variant's trip.
 */
#define EB_STR_(x)	#x
#define EB_STR(x)	EB_STR_(x)
#define ASM_TRIP(name, body)						\
	void name(void);						\
	__asm__(".pushsection .text\n\t.globl " #name "\n\t"		\
		".type " #name ", @function\n" #name ":\n\t"		\
		body "\n\tret\n\t.size " #name ", . - " #name "\n\t"	\
		".popsection")

/* measure.c: check and time one probe in this process (or its ->measure). */
void measure(const struct probe *p, const struct guest_config *cfg,
	     struct measurement *m);

/* getppid's answer in the process being measured (guest_config.parent). */
long expected_parent(void);

/* timing.S of the bench kernel, shared: the very same loop and check. */
uint64_t time_trips(void (*trip)(void), uint64_t k);
void check_trip(void (*trip)(void), unsigned long *before, unsigned long *after);
void empty_trip(void);

#endif
