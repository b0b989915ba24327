/*
 * Which hypervisor is underneath, from the CPUID hypervisor leaves
 * (hypercall_hw.h).  Leaf 0x40000000 names it in EBX:ECX:EDX: "KVMKVMKVM"
 * for KVM, "TCGTCGTCGTCG" for QEMU's TCG, "Microsoft Hv" when KVM (or
 * Hyper-V) offers the Hyper-V interface, in which case KVM's own leaves
 * move to 0x40000100.  Meaningful only with CPUID.1:ECX.hypervisor set.
 */
#include "cpu.h"
#include "lib.h"
#include "x86.h"
#include <arch/hypercall_hw.h>

#define HV_LEAF_BASE		0x40000000
#define HV_LEAF_KVM_ALT		0x40000100
#define HV_LEAF_INTERFACE	0x40000001
#define HV_INTERFACE_HV1	0x31237648	/* "Hv#1" */

/* The 12-character signature at leaf, in why[] after the prefix. */
static char why[] = "no KVM underneath: CPUID 0x40000000 reads '............'";

static void signature(u32 leaf, char sig[12])
{
	u32 a, r[3];

	cpuid(leaf, &a, &r[0], &r[1], &r[2]);
	memcpy(sig, r, 12);
}

static bool signature_is(const char sig[12], const char *want)
{
	for (int i = 0; i < 12; i++)
		if (sig[i] != want[i])
			return false;
	return true;
}

const char *kvm_unsupported(void)
{
	char sig[12], alt[12];

	if (!boot_cpu.hypervisor)
		return "no hypervisor (CPUID.1:ECX.hypervisor clear): no VM exit to measure";
	signature(HV_LEAF_BASE, sig);
	signature(HV_LEAF_KVM_ALT, alt);
	if (signature_is(sig, "KVMKVMKVM\0\0\0") || signature_is(alt, "KVMKVMKVM\0\0\0"))
		return NULL;
	if (signature_is(sig, "TCGTCGTCGTCG"))
		return "TCG, not KVM (CPUID 0x40000000 reads TCGTCGTCGTCG): VMCALL/VMMCALL raise #UD "
		       "and I/O is emulated inline, there is no VM exit to measure";
	for (int i = 0; i < 12; i++)
		why[43 + i] = sig[i] >= ' ' && sig[i] < 0x7f ? sig[i] : '.';
	return why;
}

const char *hyperv_unsupported(void)
{
	const char *why_not = kvm_unsupported();
	u32 a, b, c, d;

	if (why_not)
		return why_not;
	cpuid(HV_LEAF_INTERFACE, &a, &b, &c, &d);
	if (a != HV_INTERFACE_HV1)
		return "KVM without the Hyper-V interface (CPUID 0x40000001 is not \"Hv#1\"): "
		       "start QEMU with hv-* CPU flags, e.g. -cpu host,hv-relaxed";
	return NULL;
}
