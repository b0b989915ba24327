/*
 * The SYSCALL gaps of the syscall paths (nmi_gap.c sweeps them): where the
 * kernel runs on the user's RSP, from each SYSCALL entry to its completed
 * stack switch.  For the pins of the NMI designs that fail there
 * (struct nmi_pin): GAP_WINDOWS(suffix, kind) are the windows of every
 * path, under the gap scenarios' names plus suffix ("" for RSP at kernel
 * memory, "-ist" for RSP into the NMI stack).
 */
#ifndef SYSCALL_GAP_H
#define SYSCALL_GAP_H

#include <arch/nmi.h>

void entry_SYSCALL_64_ptregs(void), entry_SYSCALL_64_after_swapgs(void);
void pv_hypervisor_syscall(void), hypervisor_syscall(void);
void pv_hypervisor_syscall_early(void), xen_syscall_target(void);

/*
 * syscall-ptregs: SWAPGS and the two moves of the stack switch.
 * syscall-pv-late: the stub's SWAPGS and its two moves.
 * pv-syscall-bounce: the user's SYSCALL to the hypervisor, up to its switch
 * to the PV kernel's stack (+0x0..+0x40, five instructions); not the iret
 * hypercall's, which comes from the PV kernel's stack, not the user's.
 * syscall-pv-early: the stub's own gap, then xen_syscall_target's, from the
 * MOV that gives RSP back to the user ("<-- NMI right here") to the native
 * entry's switch.
 */
#define GAP_WINDOWS(suffix, kind) \
	NMI_PIN_SPAN("gap-ptregs" suffix, entry_SYSCALL_64_ptregs, 0x0, \
		     entry_SYSCALL_64_after_swapgs, 0x9, kind), \
	NMI_PIN_WINDOW("gap-pv-late" suffix, pv_hypervisor_syscall, 0x0, 0xa, kind), \
	NMI_PIN_WINDOW("gap-bounce" suffix, hypervisor_syscall, 0x0, 0x40, kind), \
	NMI_PIN_WINDOW("gap-xen" suffix, pv_hypervisor_syscall_early, 0x0, 0xa, kind), \
	NMI_PIN_SPAN("gap-xen" suffix, xen_syscall_target, 0xe, \
		     entry_SYSCALL_64_after_swapgs, 0x9, kind)

#endif
