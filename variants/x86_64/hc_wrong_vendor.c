#include "cpu.h"
#include "variant.h"
#include <arch/hypercall_hw.h>

#define MODRM_VMCALL	0xc1	/* 0f 01 c1; VMMCALL is 0f 01 d9 */

extern u8 hc_wrong_modrm;
void kvm_hypercall_wrong_vendor(void);

/* The wrong one for this vendor; the trip writes it into the instruction. */
static void setup(void)
{
	if (!boot_cpu.intel)
		hc_wrong_modrm = MODRM_VMCALL;
}

VARIANT(hc_wrong_vendor) = {
	.name = "hc-wrong-vendor",
	.family = FAMILY_VMEXIT,
	.models = "The other vendor's hypercall instruction: #UD, intercepted and emulated by KVM "
		  "(which rewrites it; the trip re-arms it each time), then the native hypercall",
	.source = "KVM handle_ud / em_hypercall / emulator_fix_hypercall "
		  "(KVM_X86_QUIRK_FIX_HYPERCALL_INSN)",
	.cpl = 0,
	.clobbers = 0,
	.result = (unsigned long)-KVM_ENOSYS,
	.unsupported = kvm_unsupported,
	.setup = setup,
	.trip = kvm_hypercall_wrong_vendor,
};
