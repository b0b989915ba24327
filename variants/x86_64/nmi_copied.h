/*
 * nmi-copied's IST stack, from its top T = NMI_STACK_TOP down, as offsets
 * from T (T_NMI_EXECUTING is "T-56" in the comments of nmi_copied.S).  For
 * the entry and for its check (nmi_copied.c).
 */
#ifndef NMI_COPIED_H
#define NMI_COPIED_H

#include <arch/ptregs.h>

#define T_HW_FRAME	(-SIZEOF_HW_FRAME)		/* T-40: the CPU's, rewritten by each NMI */
#define T_SCRATCH	(T_HW_FRAME - 8)		/* T-48: the entry's saved %rdx */
#define T_NMI_EXECUTING	(T_SCRATCH - 8)			/* T-56: "NMI executing" */
#define T_IRET_FRAME	(T_NMI_EXECUTING - SIZEOF_HW_FRAME)	/* T-96: "iret", what the outer NMI IRETs through */
#define T_OUTERMOST	(T_IRET_FRAME - SIZEOF_HW_FRAME)	/* T-136: "outermost", the interrupted context */
#define T_PT_REGS	(T_OUTERMOST - RIP)		/* pt_regs, whose return frame is "outermost" */

/* The offset of slot `slot` from %rsp while %rsp points at slot `sp` (T_* both) */
#define RSP_OFF(sp, slot)	((slot) - (sp))

#ifndef __ASSEMBLER__
#include "lib.h"

struct nmi_copied_top {
	struct hw_frame outermost;
	struct hw_frame iret;
	unsigned long nmi_executing;
	unsigned long scratch;
	struct hw_frame hw;
};				/* ends at T */
ASSERT_SIZE(struct nmi_copied_top, -T_OUTERMOST);
ASSERT_OFFSET(struct nmi_copied_top, iret, sizeof(struct nmi_copied_top) + T_IRET_FRAME);
ASSERT_OFFSET(struct nmi_copied_top, nmi_executing,
	      sizeof(struct nmi_copied_top) + T_NMI_EXECUTING);
ASSERT_OFFSET(struct nmi_copied_top, scratch, sizeof(struct nmi_copied_top) + T_SCRATCH);
ASSERT_OFFSET(struct nmi_copied_top, hw, sizeof(struct nmi_copied_top) + T_HW_FRAME);
#endif

#endif
