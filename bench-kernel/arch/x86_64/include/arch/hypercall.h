/*
 * The in-guest hypervisor's hypercall ABI (pv.h), modelled on 64-bit Xen
 * PV: the hypervisor writes a page of stubs at boot, 32 bytes per hypercall,
 * hypercall N at offset N * 32, each `push %rcx; push %r11; mov $N, %eax;
 * syscall; pop %r11; pop %rcx; ret`, and the PV kernel calls them.  Number
 * in %eax, arguments in %rdi, %rsi, %rdx, %r10, %r8, result in %rax; the
 * stub saves what SYSCALL destroys, the hypervisor the rest.  Usable from C
 * and assembly.
 */
#ifndef ARCH_HYPERCALL_H
#define ARCH_HYPERCALL_H

#define HYPERCALL_STUB_SIZE	32
#define NR_HYPERCALLS		128	/* one page of stubs */

/* Only iret keeps Xen's number (__HYPERVISOR_iret); the others are this model's. */
#define HC_null			0	/* does nothing, returns 0 */
#define HC_evtchn_send		1	/* event to port %rdi of this vCPU (pv_evtchn.h) */
#define HC_preemptible		2	/* long and restartable: see pv_evtchn.h */
#define HC_iret			23	/* jumped to, never returns: see pv_hv.S */

/* HC_iret's flags word: returning from a system call, RCX and R11 may go. */
#define VGCF_in_syscall		(1 << 8)

/* Where a PV kernel calls hypercall \nr. */
#define HYPERCALL(nr)		(hypercall_page + (nr) * HYPERCALL_STUB_SIZE)

#ifndef __ASSEMBLER__
extern char hypercall_page[NR_HYPERCALLS * HYPERCALL_STUB_SIZE];
#endif

#endif
