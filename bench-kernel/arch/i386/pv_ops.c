/* The pv-ops table, filled with the native backends (pv_ops.h). */
#include <arch/pv_ops.h>

void native_irq_disable(void), native_irq_enable(void), native_iret(void);

struct pv_ops pv_ops = {
	.irq_disable = native_irq_disable,
	.irq_enable = native_irq_enable,
	.iret = native_iret,
};
