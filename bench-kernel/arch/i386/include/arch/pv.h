/*
 * A paravirtual (PV) guest modelled inside the 32-bit bench kernel, as
 * 32-bit Xen PV ran Linux and as VMware's VMI did ([xen-pv-idtentry] and
 * [vmi-hooks]): ring 0 is a small hypervisor (pv_hv.S, pv.c), ring 1 a deprivileged
 * PV kernel, ring 3 its user.
 *
 *   ring 3 -> ring 1   fast trap: a DPL-3 trap gate whose selector is
 *                      __PV_KERNEL_CS; the CPU switches to tss.ss1:sp1
 *                      (Xen's set_trap_table "direct trap" for int 0x80)
 *   ring 3 -> 0 -> 1   bounce: a DPL-3 gate to the hypervisor, which copies
 *                      the hardware frame onto the PV kernel stack and
 *                      IRETs to the handler the kernel registered
 *                      (Xen's create_bounce_frame)
 *   ring 1 -> 0 -> 1   hypercall: `int $0x82` from the hypercall page
 *   ring 1 -> 3        a real IRET (ring 1 may IRET outward), or the iret
 *                      hypercall when the virtual interrupt mask must
 *                      change atomically with the return ([vmi-hooks])
 *
 * Fidelity: one vCPU, one guest, flat segments, no separate address space
 * for the hypervisor (its memory is only protected from ring 3, since ring 1
 * is "supervisor" to the paging unit: Xen used segment limits for that), and
 * no event channels: the virtual interrupt mask is kept but nothing is ever
 * delivered.  The PV kernel's stack is tss.sp1, as Xen loads the stack the
 * guest registered with stack_switch into the TSS.
 */
#ifndef ARCH_PV_H
#define ARCH_PV_H

#include <arch/hypercall.h>

/* struct pv_vcpu, for the assembly side. */
#define VCPU_upcall_mask	0	/* Xen's vcpu_info.evtchn_upcall_mask */
#define VCPU_int80_handler	4	/* where a bounced int 0x80 enters ring 1 */
#define VCPU_kernel_sp		8	/* the PV kernel's stack, = tss.sp1 */

/* The hypervisor's struct iret_context for HC_iret, on the PV kernel stack. */
#define IRET_eax		0
#define IRET_eip		4
#define IRET_cs			8
#define IRET_eflags		12
#define IRET_esp		16
#define IRET_ss			20

#ifndef __ASSEMBLER__
#include "lib.h"

struct pv_vcpu {
	u8 upcall_mask, __pad[3];
	void (*int80_handler)(void);
	unsigned long kernel_sp;
};
ASSERT_OFFSET(struct pv_vcpu, upcall_mask, VCPU_upcall_mask);
ASSERT_OFFSET(struct pv_vcpu, int80_handler, VCPU_int80_handler);
ASSERT_OFFSET(struct pv_vcpu, kernel_sp, VCPU_kernel_sp);

/* Assembly's only: its C view keeps the offsets above honest */
struct iret_context {
	unsigned long eax;			/* pushed by the iret stub */
	unsigned long eip, cs, eflags, esp, ss;	/* an IRET frame to another ring */
};
ASSERT_OFFSET(struct iret_context, eax, IRET_eax);
ASSERT_OFFSET(struct iret_context, eip, IRET_eip);
ASSERT_OFFSET(struct iret_context, cs, IRET_cs);
ASSERT_OFFSET(struct iret_context, eflags, IRET_eflags);
ASSERT_OFFSET(struct iret_context, esp, IRET_esp);
ASSERT_OFFSET(struct iret_context, ss, IRET_ss);

extern struct pv_vcpu pv_vcpu;

/*
 * The CS the PV kernel's entry ran with, so that a variant's check can see
 * the ring it really ran in: noted by a #DB on its first instruction during
 * the checked trip (pv_watch_cs(), in the variant's setup), never by the
 * entry itself, so the timed trips carry no bookkeeping; 0 until it runs.
 */
extern u16 pv_seen_cs;
void pv_watch_cs(void (*code)(void));

void pv_init(void);		/* boot: write the hypercall page */
void pv_setup(void);		/* per variant: hypercall gate, ring-1 stack */
const char *pv_check_cs(u16 want_cs);	/* NULL if pv_seen_cs == want_cs */
#endif

#endif
