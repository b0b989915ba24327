#include "cpu.h"
#include "variant.h"
#include "x86.h"
#include <arch/hypercall_hw.h>

#define MODRM_VMMCALL	0xd9	/* 0f 01 d9; VMCALL is 0f 01 c1 */

extern u8 hc_vmcall_insn[3];
void kvm_hypercall_unknown(void);

/*
 * The alternative: AMD (and Hygon) parts take VMMCALL.  CPUID serialises,
 * so the rewritten bytes are the ones fetched next, as text_poke_early()'s
 * sync_core() ensures.
 */
static void setup(void)
{
	u32 a, b, c, d;

	if (!boot_cpu.intel) {
		hc_vmcall_insn[2] = MODRM_VMMCALL;
		cpuid(0, &a, &b, &c, &d);
	}
}

VARIANT(hc_vmcall) = {
	.name = "hc-vmcall",
	.family = FAMILY_VMEXIT,
	.models = "The vendor's hypercall instruction (VMCALL or VMMCALL, patched at boot) with a "
		  "number KVM rejects in the kernel: the bare VM exit round trip",
	.source = "Linux kvm_hypercall0() ALTERNATIVE (asm/kvm_para.h); KVM kvm_emulate_hypercall()",
	.cpl = 0,
	.clobbers = 0,
	.result = (unsigned long)-KVM_ENOSYS,
	.unsupported = kvm_unsupported,
	.setup = setup,
	.trip = kvm_hypercall_unknown,
};
