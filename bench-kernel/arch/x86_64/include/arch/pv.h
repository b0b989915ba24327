/*
 * A paravirtual (PV) guest modelled inside the 64-bit bench kernel, as
 * 64-bit Xen PV runs Linux ([xen-pv-nmi] and [xen-pv-idtentry]): ring 0 is a
 * small hypervisor (pv_hv.S, pv.c); the PV kernel and its user both run in
 * ring 3, so the hypervisor keeps track of which of the two is running
 * ("guest kernel mode") and every SYSCALL comes to it:
 *
 *   guest kernel -> hypervisor    a hypercall, through the hypercall page
 *   guest user -> hypervisor      a system call: switch to guest kernel
 *     -> guest kernel             mode, push a bounce frame onto the PV
 *                                 kernel's stack, SYSRET to its callback
 *   guest kernel -> guest user    the iret hypercall, which switches back
 *
 * Fidelity: Xen separates the two ring-3 modes with two page tables
 * (toggle_guest_mode writes CR3) and swaps the guest's GS bases; here both
 * share one address space, so the PV kernel's memory (its code in .utext,
 * its stack and the hypercall page in .udata) is as reachable from guest
 * user mode as the user's own, and the mode is only a flag.  The costs of
 * the CR3 write and the SWAPGS are therefore not in the counts.  One vCPU,
 * and the hypervisor's state is at fixed addresses, as Xen's per-CPU
 * SYSCALL trampolines reach theirs RIP-relative.  Event channels and a
 * preemptible hypercall, for the event upcall variants only: pv_evtchn.h.
 */
#ifndef ARCH_PV_H
#define ARCH_PV_H

#include <arch/hypercall.h>

/* struct pv_vcpu, for the assembly side. */
#define VCPU_kernel_mode	0	/* 1 while the PV kernel runs */
#define VCPU_guest_sp		8	/* RSP at the last SYSCALL */
#define VCPU_kernel_sp		16	/* the PV kernel's stack (stack_switch) */
#define VCPU_syscall_callback	24	/* its system call entry (CALLBACKTYPE_syscall) */

/* HC_iret's struct iret_context, on the PV kernel's stack. */
#define IRET_rax		0
#define IRET_r11		8
#define IRET_rcx		16
#define IRET_flags		24	/* VGCF_in_syscall */
#define IRET_rip		32
#define IRET_cs			40
#define IRET_rflags		48
#define IRET_rsp		56
#define IRET_ss			64

/* The bounce frame of a system call, as Linux's xen_syscall_target reads it. */
#define BOUNCE_rcx		0
#define BOUNCE_r11		8
#define BOUNCE_rip		16
#define BOUNCE_cs		24
#define BOUNCE_rflags		32
#define BOUNCE_rsp		40
#define BOUNCE_ss		48
#define BOUNCE_SIZE		56

#ifndef __ASSEMBLER__
#include "lib.h"

struct pv_vcpu {
	u8 kernel_mode, __pad[7];
	unsigned long guest_sp;
	unsigned long kernel_sp;
	void (*syscall_callback)(void);
};
ASSERT_OFFSET(struct pv_vcpu, kernel_mode, VCPU_kernel_mode);
ASSERT_OFFSET(struct pv_vcpu, guest_sp, VCPU_guest_sp);
ASSERT_OFFSET(struct pv_vcpu, kernel_sp, VCPU_kernel_sp);
ASSERT_OFFSET(struct pv_vcpu, syscall_callback, VCPU_syscall_callback);

/* Assembly's only: their C views keep the offsets above honest */
struct iret_context {
	unsigned long rax, r11, rcx;		/* pushed by the iret stub */
	unsigned long flags;			/* VGCF_in_syscall */
	unsigned long rip, cs, rflags, rsp, ss;	/* an IRETQ frame */
};
ASSERT_OFFSET(struct iret_context, rax, IRET_rax);
ASSERT_OFFSET(struct iret_context, r11, IRET_r11);
ASSERT_OFFSET(struct iret_context, rcx, IRET_rcx);
ASSERT_OFFSET(struct iret_context, flags, IRET_flags);
ASSERT_OFFSET(struct iret_context, rip, IRET_rip);
ASSERT_OFFSET(struct iret_context, cs, IRET_cs);
ASSERT_OFFSET(struct iret_context, rflags, IRET_rflags);
ASSERT_OFFSET(struct iret_context, rsp, IRET_rsp);
ASSERT_OFFSET(struct iret_context, ss, IRET_ss);

struct bounce_frame {
	unsigned long rcx, r11;			/* what SYSRET to the callback destroys */
	unsigned long rip, cs, rflags, rsp, ss;	/* the system call's return frame */
};
ASSERT_OFFSET(struct bounce_frame, rcx, BOUNCE_rcx);
ASSERT_OFFSET(struct bounce_frame, r11, BOUNCE_r11);
ASSERT_OFFSET(struct bounce_frame, rip, BOUNCE_rip);
ASSERT_OFFSET(struct bounce_frame, cs, BOUNCE_cs);
ASSERT_OFFSET(struct bounce_frame, rflags, BOUNCE_rflags);
ASSERT_OFFSET(struct bounce_frame, rsp, BOUNCE_rsp);
ASSERT_OFFSET(struct bounce_frame, ss, BOUNCE_ss);
ASSERT_SIZE(struct bounce_frame, BOUNCE_SIZE);

extern struct pv_vcpu pv_vcpu;

/*
 * The CS the PV kernel's code ran with, so that a variant's check can see
 * the ring it really ran in: noted by a #DB on its first instruction during
 * the checked trip (pv_watch_cs(), in the variant's setup), never by the
 * code itself, so the timed trips carry no bookkeeping; 0 until it runs.
 */
extern u16 pv_seen_cs;
void pv_watch_cs(void (*code)(void));

void pv_init(void);		/* boot: write the hypercall page */
void pv_setup(bool kernel_mode);	/* per variant: SYSCALL, stacks, mode */
const char *pv_check_cs(u16 want_cs);	/* NULL if pv_seen_cs == want_cs */
#endif

#endif
