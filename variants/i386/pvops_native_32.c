#include "variant.h"
#include <arch/desc.h>
#include <arch/pv.h>
#include <arch/segment.h>
#include <arch/unistd.h>

void pvops_int80_native(void);

static void setup(void)
{
	idt_set_gate(0x80, pvops_int80_native, 3);
	pv_watch_cs(pvops_int80_native);	/* the check sees its ring, the timed trips nothing */
}

static const char *check(void)
{
	return pv_check_cs(__KERNEL_CS);
}

VARIANT(pvops_native_32) = {
	.name = "pvops-native-32",
	.family = FAMILY_PVOPS,
	.models = "int80-32 with the VMI hook points CLI, STI and IRET as the native instructions, ring 0",
	.source = "[vmi-hooks] (VMI hook points, mach-default mach_asm.h); Linux 2.6.16 entry.S system_call",
	.cpl = 3,
	.clobbers = 0,
	.result = GETPPID_ANSWER,
	.setup = setup,
	.trip = user_int80_getppid,
	.check = check,
};
