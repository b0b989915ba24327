/*
 * The nested-NMI torture test (nmi_torture.c): every NMI design (family
 * nmi) is made to take NMIs in its dangerous windows, deterministically, and is judged
 * by whether each interrupted context gets back exactly its RIP, RSP,
 * RFLAGS and CR2, and whether every NMI was followed by a handler run.
 * Usable from C and assembly.
 */
#ifndef ARCH_NMI_TORTURE_H
#define ARCH_NMI_TORTURE_H

/* struct tw_window, for nmi_torture.S */
#define TW_rsp_before		0
#define TW_rsp			8
#define TW_flags		16
#define TW_cr2			24
#define TW_resumes		32

/* Why a scenario ended through tw_escape() */
#define TW_ESC_TWICE		1	/* a window resumed twice: a stale frame */
#define TW_ESC_RUNS		2	/* handler runs far beyond NMIs sent */
#define TW_ESC_ENTRIES		3	/* passes through the entry past the bound */
#define TW_ESC_STEPS		4	/* single steps past the bound */
#define TW_ESC_PF		5	/* #PF at an address with no fixup */
#define TW_ESC_BLOCK		6	/* the torture could not block NMIs */
#define TW_ESC_VECTOR		32	/* + vector: unexpected exception */

#ifndef __ASSEMBLER__
#include "types.h"

/*
 * Run the torture on every NMI design (only_variant NULL) or one, one
 * `torture` record each.  True if every verdict is the one its descriptor
 * expects (struct nmi_design).  Ring 0; leaves the default gates installed.
 */
bool nmi_torture(const char *only_variant);
#endif

#endif
