#include "variant.h"
#include <arch/desc.h>
#include <arch/pv.h>
#include <arch/segment.h>
#include <arch/unistd.h>

void pvops_int80_indirect(void);

static void setup(void)
{
	idt_set_gate(0x80, pvops_int80_indirect, 3);
	pv_watch_cs(pvops_int80_indirect);	/* the check sees its ring, the timed trips nothing */
}

static const char *check(void)
{
	return pv_check_cs(__KERNEL_CS);
}

VARIANT(pvops_indirect_32) = {
	.name = "pvops-indirect-32",
	.family = FAMILY_PVOPS,
	.models = "int80-32 with CLI, STI and IRET as indirect calls through a pv_ops table holding the native backends (unpatched paravirt on bare hardware), ring 0",
	.source = "Linux paravirt pv_ops.irq.irq_disable/irq_enable and pv_ops.cpu.iret; [vmi-hooks]",
	.cpl = 3,
	.clobbers = 0,
	.result = GETPPID_ANSWER,
	.setup = setup,
	.trip = user_int80_getppid,
	.check = check,
};
