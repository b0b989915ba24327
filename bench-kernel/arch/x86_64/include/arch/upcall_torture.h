/*
 * The event upcall torture (upcall_torture.c): every upcall design takes
 * events at every step of the preemptible hypercall and at every
 * instruction of its upcall path, and is judged by the hypercall's answer,
 * the registers of the interrupted code, the frames the traced hypervisor
 * saw (pv_evtchn.h), where it scheduled, the per-CPU flag and whether every
 * event was handled.  Usable from C and assembly.
 */
#ifndef ARCH_UPCALL_TORTURE_H
#define ARCH_UPCALL_TORTURE_H

/* Why a run ended through ut_escape() */
#define UT_ESC_STEPS		1	/* single steps past the bound */
#define UT_ESC_BOUNCES		2	/* upcalls past the bound */
#define UT_ESC_DB_RING0		3	/* a #DB in ring 0 */
#define UT_ESC_VECTOR		32	/* + vector: unexpected exception */

#ifndef __ASSEMBLER__
#include "types.h"

/*
 * Run the torture on every upcall design (only NULL) or the one whose
 * variant is called `only`, one `torture` record each (kind=upcall).  True
 * if every verdict is the one its design expects.  Ring 0; leaves the
 * default gates installed.
 */
bool upcall_torture(const char *only);

/* For the traced hypervisor: too many upcalls in one run ends it. */
void upcall_torture_bounce_bound(void);
#endif

#endif
