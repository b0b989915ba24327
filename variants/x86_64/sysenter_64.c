#include "cpu.h"
#include "variant.h"
#include "x86.h"
#include <arch/percpu.h>
#include <arch/segment.h>
#include <arch/unistd.h>

void entry_SYSENTER_64_minimal(void);

static const char *unsupported(void)
{
	return boot_cpu.intel ? NULL :
		"SYSENTER/SYSEXIT raise #UD in long mode on non-Intel CPUs";
}

/*
 * SYSENTER gets CS = SYSENTER_CS and SS = +8; SYSEXITQ gets CS = +32 and
 * SS = +40, with RPL 3.  From __KERNEL_CS those are __KERNEL_DS, __USER_CS
 * and GDT entry 7 (GDT_ENTRY_SYSEXIT_SS, a user data segment, so that the
 * selector is valid should anything reload it; SYSEXIT itself loads SS
 * without reading the GDT).  The stack pointer
 * is set once: arch_kernel_stacks() watches it.
 */
static void setup(void)
{
	wrmsr(MSR_IA32_SYSENTER_CS, __KERNEL_CS);
	wrmsr(MSR_IA32_SYSENTER_ESP, percpu.top_of_stack);
	wrmsr(MSR_IA32_SYSENTER_EIP, (u64)entry_SYSENTER_64_minimal);
}

VARIANT(sysenter_64) = {
	.name = "sysenter-64",
	.family = FAMILY_SYSENTER,
	.models = "Bare SYSENTER/SYSEXITQ round trip in long mode: no SWAPGS, no stack use, "
		  "no frame; return RIP and RSP passed in RDX and RCX; sti; sysexitq gives IF back",
	.source = "Intel SDM SYSENTER and SYSEXIT (64-bit mode); Intel CPUs only",
	.cpl = 3,
	.clobbers = REG_BIT(REG_CX) | REG_BIT(REG_DX),	/* SYSEXITQ's RSP and RIP */
	.result = GETPPID_ANSWER,
	.unsupported = unsupported,
	.setup = setup,
	.trip = user_sysenter_getppid,
};
