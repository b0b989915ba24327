/*
 * The in-guest hypervisor's hypercall ABI (pv.h), modelled on 32-bit Xen
 * PV: the hypervisor writes a page of stubs at boot, 32 bytes per hypercall,
 * hypercall N at offset N * 32, and the PV kernel calls (never inlines) them,
 * so that the hypervisor alone decides how a hypercall is made.  Number in
 * %eax, arguments in %ebx, %ecx, %edx, %esi, %edi, result in %eax; every
 * other register is preserved.  Usable from C and assembly.
 */
#ifndef ARCH_HYPERCALL_H
#define ARCH_HYPERCALL_H

#define HYPERCALL_STUB_SIZE	32
#define NR_HYPERCALLS		128	/* one page of stubs */

/* Only iret keeps Xen's number (__HYPERVISOR_iret); the others are this model's. */
#define HC_null			0	/* does nothing, returns 0 */
#define HC_irq_disable		1	/* VMI-style CLI: mask virtual interrupts */
#define HC_irq_enable		2	/* VMI-style STI */
#define HC_iret			23	/* jumped to, never returns: see pv_hv.S */

/* Where a PV kernel calls hypercall \nr. */
#define HYPERCALL(nr)		(hypercall_page + (nr) * HYPERCALL_STUB_SIZE)

#ifndef __ASSEMBLER__
extern char hypercall_page[NR_HYPERCALLS * HYPERCALL_STUB_SIZE];
#endif

#endif
