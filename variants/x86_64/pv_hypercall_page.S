/*
 * pv-hypercall-page: a null hypercall from a 64-bit PV kernel through the
 * page of stubs the hypervisor wrote at boot (pv.c, Xen's layout: SYSCALL
 * with RCX and R11 saved around it).  The timed ring-3 job plays the PV
 * kernel (the hypervisor is in guest kernel mode throughout), so this is
 * the kernel's own HYPERVISOR_* wrapper: the call into the page and back.
 * The hypervisor side is hypervisor_syscall and hc_null in pv_hv.S.
 */
#include <arch/pv.h>
#include "inject.h"

	.section .utext, "ax"
	.globl	pv_kernel_null_hypercall
pv_kernel_null_hypercall:		/* ring 3, guest kernel mode */
	INJECTED_COST
	call	HYPERCALL(HC_null)	/* %rax = 0, all else preserved */
	ret
