#include "variant.h"
#include "x86.h"
#include <arch/hypercall_hw.h>

#define HV_X64_MSR_GUEST_OS_ID		0x40000000
#define HV_X64_MSR_HYPERCALL		0x40000001
#define HV_X64_MSR_HYPERCALL_ENABLE	1ull
#define HV_STATUS_INVALID_HYPERCALL_CODE 2
/* Any non-zero id enables hypercalls; bit 63 says "open source". */
#define GUEST_OS_ID			(1ull << 63 | 0xeb)

void hyperv_hypercall_reserved(void);

/* Filled by KVM once the MSR points at it; physical = virtual in this kernel. */
__aligned(4096) u8 hv_hypercall_page[4096];

/* The guest OS id first: until it is set, KVM ignores the hypercall MSR. */
static void setup(void)
{
	wrmsr(HV_X64_MSR_GUEST_OS_ID, GUEST_OS_ID);
	wrmsr(HV_X64_MSR_HYPERCALL, (u64)hv_hypercall_page | HV_X64_MSR_HYPERCALL_ENABLE);
}

/*
 * Both MSRs back to 0: while the guest OS id is set, KVM takes every
 * VMMCALL for a Hyper-V hypercall (kvm_hv_hypercall_enabled()), and
 * hc-vmcall and hc-wrong-vendor after this variant would measure (and
 * fail) that path instead of their own.
 */
static void teardown(void)
{
	wrmsr(HV_X64_MSR_HYPERCALL, 0);
	wrmsr(HV_X64_MSR_GUEST_OS_ID, 0);
}

VARIANT(hc_page_hyperv) = {
	.name = "hc-page-hyperv",
	.family = FAMILY_VMEXIT,
	.models = "A hypercall through the Hyper-V hypercall page KVM writes (MSR 0x40000001), "
		  "with a reserved call code KVM rejects in the kernel",
	.source = "Hyper-V TLFS hypercall interface; KVM kvm_hv_set_msr_pw() and kvm_hv_hypercall()",
	.cpl = 0,
	.clobbers = REG_BIT(REG_CX) | REG_BIT(REG_DX) | REG_BIT(REG_R8),
	.result = HV_STATUS_INVALID_HYPERCALL_CODE,
	.unsupported = hyperv_unsupported,
	.setup = setup,
	.teardown = teardown,
	.trip = hyperv_hypercall_reserved,
};
