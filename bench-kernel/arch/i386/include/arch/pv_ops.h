/*
 * The hook points of a paravirtualised kernel, the VMI patch's CLI, STI and
 * IRET ([vmi-hooks]) as Linux's pv_ops.irq.irq_disable,
 * .irq_enable and pv_ops.cpu.iret later spelt them: entry code calls (or,
 * for iret, jumps) through this table instead of executing the instruction.
 * Linux patches the call sites back to the instruction at boot on native
 * hardware; this table is never patched, so pvops-indirect-32 measures the
 * unpatched indirect call.  Usable from C and assembly.
 */
#ifndef ARCH_PV_OPS_H
#define ARCH_PV_OPS_H

#define PV_OPS_irq_disable	0
#define PV_OPS_irq_enable	4
#define PV_OPS_iret		8

#ifndef __ASSEMBLER__
#include "lib.h"

struct pv_ops {
	void (*irq_disable)(void);
	void (*irq_enable)(void);
	void (*iret)(void);		/* jumped to with %esp at the IRET frame */
};
ASSERT_OFFSET(struct pv_ops, irq_disable, PV_OPS_irq_disable);
ASSERT_OFFSET(struct pv_ops, irq_enable, PV_OPS_irq_enable);
ASSERT_OFFSET(struct pv_ops, iret, PV_OPS_iret);

extern struct pv_ops pv_ops;
#endif

#endif
