/*
 * Per-CPU data reached through %gs in kernel mode, as Linux's PER_CPU_VAR().
 * GS_BASE points here while in the kernel; entry code that arrives from user
 * mode must SWAPGS first.  The PCPU_* offsets are for assembly; C checks them.
 */
#ifndef ARCH_PERCPU_H
#define ARCH_PERCPU_H

#define PCPU_rsp_scratch	0	/* user RSP, between SYSCALL and the frame */
#define PCPU_top_of_stack	8	/* kernel stack for entries from user mode */
#define PCPU_size		16

#ifndef __ASSEMBLER__
#include "lib.h"

struct percpu {
	unsigned long rsp_scratch;
	unsigned long top_of_stack;
};
ASSERT_OFFSET(struct percpu, rsp_scratch, PCPU_rsp_scratch);
ASSERT_OFFSET(struct percpu, top_of_stack, PCPU_top_of_stack);
ASSERT_SIZE(struct percpu, PCPU_size);

extern struct percpu percpu;
#endif

#endif
