/*
 * An entry variant: one way of getting from the timed loop into the kernel
 * and back.  Each lives in variants/<mode>/ and registers itself with
 *
 *	VARIANT(syscall_sysret) = {
 *		.name = "syscall-sysret",
 *		.family = FAMILY_SYSCALL,
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
 *
 * The descriptor is the only place a fact about a variant is written: the
 * list boot sends name, family, cpl, models and source to the host, and
 * an NMI design's entry, IST slot and pinned torture outcome are its
 * `nmi` member, which the torture (nmi_torture.c) and eb.nmi= read; an
 * event upcall design's are its `upcall` member (upcall_torture.c).
 */
#ifndef EB_VARIANT_H
#define EB_VARIANT_H

#include "types.h"
#include <arch/regs.h>

/*
 * What kind of kernel entry a variant is.  The host learns it from the list
 * boot (protocol.h, `family=`), to select by it and to group figures.  Names
 * are [a-z0-9-]+ and never a variant's name, so one word can select either.
 */
enum variant_family {
	FAMILY_NONE,		/* not set: the descriptor is incomplete */
	FAMILY_SYSCALL,		/* the SYSCALL instruction */
	FAMILY_INT80,		/* INT $0x80 through an IDT gate */
	FAMILY_SYSENTER,	/* SYSENTER/SYSEXIT */
	FAMILY_EXCEPTION,	/* a fault or trap taken on purpose: #BP, #UD, #PF */
	FAMILY_NMI,		/* an NMI entry design; sets .nmi */
	FAMILY_PV,		/* a paravirtual guest's path through its hypervisor */
	FAMILY_PVOPS,		/* paravirt hook points (VMI, pv_ops) */
	FAMILY_VMEXIT,		/* an exit to the real hypervisor: hypercall, I/O */
	NR_FAMILIES
};

/* Its name on the wire; NULL for FAMILY_NONE or a value out of range. */
const char *family_name(enum variant_family family);

struct nmi_design;	/* arch/nmi.h */
struct upcall_case;	/* arch/pv_upcall.h */

struct variant {
	const char *name;	/* [a-z0-9-]+, unique across all modes */
	enum variant_family family;
	const char *models;	/* the path it models, one sentence */
	const char *source;	/* where the design comes from */
	int cpl;		/* ring the timed loop runs in: 3 or 0 */

	/*
	 * Correctness: after one trip from canary register values, every
	 * register keeps its value except REG_RESULT, which must equal
	 * `result` (unless `keeps_result`: a trip that returns nothing must
	 * leave it alone too), and those in `clobbers` (REG_BIT()s).  RSP
	 * and RFLAGS always count.
	 */
	unsigned long clobbers;
	unsigned long result;
	bool keeps_result;

	const char *(*unsupported)(void);	/* NULL, or why not here */
	void (*setup)(void);			/* gates, MSRs; ring 0 */
	/*
	 * NULL, or undoes what setup() changed outside this variant (an MSR
	 * the hypervisor acts on), after its last trip: a variant leaves the
	 * machine as it found it for the ones after it in the same boot.
	 */
	void (*teardown)(void);
	void (*trip)(void);			/* one round trip; ring cpl */
	const char *(*check)(void);		/* extra checks; NULL = ok */

	/* FAMILY_NMI only: the design the torture and eb.nmi= install */
	const struct nmi_design *nmi;

	/* An event upcall variant (family pv): its design and what its trip does */
	const struct upcall_case *upcall;
	/*
	 * The in-guest torture, other than the NMI one, that takes this
	 * variant as a design (EB_TORTURE_UPCALL), or NULL; the list boot
	 * says so (`torture=`), and eb.torture= takes it.
	 */
	const char *torture;
};

#define VARIANT(ident) \
	static const struct variant ident \
	__attribute__((used, section(".eb_variants"), aligned(sizeof(void *))))

extern const struct variant __start_eb_variants[], __stop_eb_variants[];

#define for_each_variant(v) \
	for (const struct variant *v = __start_eb_variants; v < __stop_eb_variants; v++)

/* The variant called `name` in this kernel, or NULL. */
const struct variant *find_variant(const char *name);

#endif
