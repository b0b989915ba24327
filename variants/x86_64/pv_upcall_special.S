/*
 * pv-upcall-special: the Xen PV event callback through IDTENTRY, the design
 * of [xen-pv-idtentry] as posted (V6 10/37): the C handler is
 * pv_upcall_special.c's; this is the callback and the entry around it.
 */
#define EB_ENTRY_IRET_FRAME	/* after the two pops, an IRET frame: RSP at 24(%rsp) */
#include "inject.h"
#include <arch/pv_upcall.h>

	.section .utext, "ax"
	.globl	pv_upcall_special_callback, pv_upcall_special_end
pv_upcall_special_callback:		/* ring 3, guest kernel mode, events masked */
	UPCALL_POP_BOUNCE
	INJECTED_COST
	UPCALL_IDTENTRY xen_pv_evtchn_do_upcall_special
pv_upcall_special_end:
