/*
 * Code and data the timed loop runs from user mode.  They are linked into
 * their own 2 MiB region, the only one mapped user-accessible (paging.c).
 * Code here must not reach supervisor memory: no calls out, no jump tables,
 * no string constants, no compiler-generated memset/memcpy.
 */
#ifndef EB_USER_H
#define EB_USER_H

#include <entrybench/protocol.h>
#include "types.h"
#include <arch/regs.h>

#define __user_text	__attribute__((section(".utext"), noinline))
#define __user_data	__attribute__((section(".udata")))

struct job {
	void (*trip)(void);
	u64 k, batches, warmup;
	bool check_only;
	unsigned long regs_before[NR_CHECK_REGS];
	unsigned long regs_after[NR_CHECK_REGS];
	u64 overhead[EB_MAX_BATCHES];
	u64 ticks[EB_MAX_BATCHES];
};

extern struct job job;
extern char user_stack_top[];

void user_job(void *job);			/* job.c, runs at any ring */

/* timing.S */
u64 time_trips(void (*trip)(void), u64 k);	/* TSC ticks for k trips */
void check_trip(void (*trip)(void), unsigned long *before, unsigned long *after);
void empty_trip(void);				/* just `ret` */

#endif
