/*
 * pv-hypercall-page-32: a null hypercall through the page of stubs the
 * hypervisor wrote at boot (pv.c: `mov $nr, %eax; int $0x82; ret`, 32 bytes
 * each), made by the ring-1 PV kernel.  The harness times rings 3 and 0
 * only, so the trip gets into ring 1 by pv-int80-direct-32's fast trap and
 * leaves by IRET: the hypercall's own cost is this variant's count minus
 * that minimal ring-3 -> ring-1 -> ring-3 frame (see variants/README.md).
 */
#include <arch/pv.h>
#include "inject.h"

	.text
	.globl	pv_int80_null_hypercall
pv_int80_null_hypercall:		/* ring 1, fast trap */
	INJECTED_COST
	call	HYPERCALL(HC_null)	/* %eax = 0, all else preserved */
	iret
