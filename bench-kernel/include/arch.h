/* What generic kernel code asks of each mode (arch/<mode>/). */
#ifndef EB_ARCH_H
#define EB_ARCH_H

#include "types.h"

extern const char arch_mode[];		/* "x86_64" or "i386" */

/* Boot handoff: returns the command line; *boot is "pvh" or "multiboot". */
const char *arch_boot_info(u32 magic, u32 info, const char **boot);

void arch_init(void);			/* GDT, TSS, IDT, paging, per-CPU */

/*
 * Run fn(arg) in ring 3 on the user stack; returns when fn returns.  Ring 3
 * starts with IF clear (no interrupt lands in a measurement), or with IF
 * set (_irq: the checked trip, as a Linux user runs).
 */
void arch_run_user(void (*fn)(void *), void *arg);
void arch_run_user_irq(void (*fn)(void *), void *arg);

/*
 * Between variants: every gate back to its default (unexpected -> panic) and
 * the fast-system-call MSRs pointing nowhere, so a variant only ever runs
 * through entries its own setup() installed.
 */
void arch_reset_entries(void);

/*
 * The stack pointers entry from user mode loads (tss.sp0, per-CPU copies,
 * SYSENTER_ESP): a round trip must leave them as it found them, or every
 * call leaks kernel stack.
 */
#define NR_KERNEL_STACKS 3
void arch_kernel_stacks(unsigned long sp[NR_KERNEL_STACKS]);

/*
 * An in-guest torture (eb.torture=): EB_FAMILY_NMI for every NMI design,
 * EB_TORTURE_UPCALL for every event upcall design, or one design's name.
 * Returns 1 if every verdict is what its design claims, 0 if one is not, -1
 * if this mode has no such torture.
 */
int arch_torture(const char *what);

/*
 * eb.nmi=: one NMI design's entry becomes the NMI handler of the whole
 * boot, kept across arch_reset_entries().  0 on success, -1 if this mode
 * has no such design.  arch_nmi_handled(): its handler runs so far.
 */
int arch_nmi_install(const char *variant);
u64 arch_nmi_handled(void);

#endif
