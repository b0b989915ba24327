/*
 * The nested-NMI torture test (nmi_torture.c): every NMI design (family
 * nmi) is made to take NMIs in its dangerous windows, deterministically, and is judged
 * by whether each interrupted context gets back exactly what it had (every
 * general register, RSP, RFLAGS, CR2 and both GS bases) and whether every
 * NMI was followed by a handler run.  Usable from C and assembly.
 */
#ifndef ARCH_NMI_TORTURE_H
#define ARCH_NMI_TORTURE_H

#include <arch/regs.h>

/* struct tw_window, for nmi_torture.S: registers by REG_* index */
#define TW_want			0			/* 16 words: loaded before the trigger */
#define TW_got			(TW_want + 16 * 8)	/* 16 words: found after it */
#define TW_want_flags		(TW_got + 16 * 8)
#define TW_flags		(TW_want_flags + 8)
#define TW_rsp_before		(TW_flags + 8)
#define TW_rsp			(TW_rsp_before + 8)
#define TW_cr2			(TW_rsp + 8)
#define TW_gs			(TW_cr2 + 8)
#define TW_kgs			(TW_gs + 8)
#define TW_scratch		(TW_kgs + 8)		/* the user window's own RSP */
#define TW_resumes		(TW_scratch + 8)

/* What a window loads into CR2 before its trigger, so that a stale value shows */
#define TW_CR2_CANARY		0xc2c2c2c2c2c2c000

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
 * `torture` record each.  True if every design's outcome is the one its
 * descriptor pins (struct nmi_design).  Ring 0; leaves the default gates
 * installed.
 */
bool nmi_torture(const char *only_variant);
#endif

#endif
