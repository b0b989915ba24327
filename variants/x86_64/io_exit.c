#include "variant.h"
#include <arch/hypercall_hw.h>

void out_unassigned_port(void);

static void setup(void)
{
}

VARIANT(io_exit) = {
	.name = "io-exit",
	.family = FAMILY_VMEXIT,
	.models = "OUT to an unassigned port: a VM exit handled by the VMM in user space "
		  "(KVM_EXIT_IO) and the way back",
	.source = "KVM kvm_fast_pio / KVM_EXIT_IO; QEMU unassigned I/O",
	.cpl = 0,
	.clobbers = REG_BIT(REG_DX),
	.result = 0,
	.unsupported = kvm_unsupported,
	.setup = setup,
	.trip = out_unassigned_port,
};
