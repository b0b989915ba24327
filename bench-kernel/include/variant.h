/*
 * An entry variant: one way of getting from the timed loop into the kernel
 * and back.  Each lives in variants/<mode>/ and registers itself with
 *
 *	VARIANT(syscall_sysret) = {
 *		.name = "syscall-sysret",
 *		...
 *	};
 *
 * which places the descriptor in the .eb_variants section; the harness walks
 * that section, so adding a variant is adding its files and nothing else.
 *
 * The harness, per selected variant: unsupported() -> setup() -> one checked
 * round trip -> warm-up -> batches of timed round trips.  A round trip is one
 * call of trip(), an ordinary function (it may clobber what the C ABI lets a
 * callee clobber) that runs at ring `cpl` and does the whole user->kernel->user
 * (or kernel->kernel) journey.
 */
#ifndef EB_VARIANT_H
#define EB_VARIANT_H

#include "types.h"
#include <arch/regs.h>

struct variant {
	const char *name;	/* [a-z0-9-]+, unique across all modes */
	const char *models;	/* the path it models, one sentence */
	const char *source;	/* where the design comes from */
	int cpl;		/* ring the timed loop runs in: 3 or 0 */

	/*
	 * Correctness: after one trip from canary register values, every
	 * register keeps its value except REG_RESULT, which must equal
	 * `result`, and those in `clobbers` (REG_BIT()s).  RSP and RFLAGS
	 * always count.
	 */
	unsigned long clobbers;
	unsigned long result;

	const char *(*unsupported)(void);	/* NULL, or why not here */
	void (*setup)(void);			/* gates, MSRs; ring 0 */
	void (*trip)(void);			/* one round trip; ring cpl */
	const char *(*check)(void);		/* extra checks; NULL = ok */
};

#define VARIANT(ident) \
	static const struct variant ident \
	__attribute__((used, section(".eb_variants"), aligned(sizeof(void *))))

extern const struct variant __start_eb_variants[], __stop_eb_variants[];

#define for_each_variant(v) \
	for (const struct variant *v = __start_eb_variants; v < __stop_eb_variants; v++)

#endif
