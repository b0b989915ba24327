/*
 * Exceptions taken on purpose: the round trips of the int3, ud2 and pf
 * variants, the state their handlers leave for the checks, and the numbers
 * both sides agree on.  Usable from C and assembly.
 */
#ifndef ARCH_TRAPS_H
#define ARCH_TRAPS_H

#define X86_TRAP_DB		1
#define X86_TRAP_BP		3
#define X86_TRAP_UD		6
#define X86_TRAP_PF		14

/* #PF error code bits */
#define X86_PF_PROT		(1 << 0)	/* clear: the page was not present */
#define X86_PF_WRITE		(1 << 1)
#define X86_PF_USER		(1 << 2)

#define INSN_UD2		0x0b0f		/* 0f 0b, as a little-endian u16 */
#define LEN_UD2			2

#define EFAULT			14

/* What the #PF handlers saw, for the checks (traps.c). */
#define PF_SEEN_addr		0
#define PF_SEEN_error_code	8
#define PF_SEEN_size		16

#ifndef __ASSEMBLER__
#include "lib.h"
#include <arch/ptregs.h>

struct pf_seen {
	unsigned long addr;		/* CR2 */
	unsigned long error_code;
};
ASSERT_OFFSET(struct pf_seen, addr, PF_SEEN_addr);
ASSERT_OFFSET(struct pf_seen, error_code, PF_SEEN_error_code);
ASSERT_SIZE(struct pf_seen, PF_SEEN_size);

extern struct pf_seen pf_seen;
void pf_seen_reset(void);
const char *pf_seen_check(void);	/* NULL if the handler saw the trip's fault */

/* One user page that is never present (paging.c). */
extern char user_hole[4096];

/* User-side trips (usercall.S). */
void user_int3(void);
void user_ud2(void);
void user_pf_efault(void);	/* a load from user_hole: returns -EFAULT */

/* The one exception-table entry: the load in user_pf_efault, and where it resumes. */
extern char user_pf_load[], user_pf_fixup[];

/* Full-frame C handlers, called from idtentry_body (idtentry.h). */
void exc_int3(struct pt_regs *regs);
void exc_invalid_op(struct pt_regs *regs);
void exc_page_fault(struct pt_regs *regs, unsigned long error_code);
#endif

#endif
