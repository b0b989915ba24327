/*
 * pv-upcall-turned: the Xen PV event callback through IDTENTRY, design B of
 * [xen-pv-idtentry] ("turn this thing around"): the C handler is
 * pv_upcall_turned.c's; this is the callback and the entry around it.
 */
#define EB_ENTRY_IRET_FRAME	/* after the two pops, an IRET frame: RSP at 24(%rsp) */
#include "inject.h"
#include <arch/pv_upcall.h>

	.section .utext, "ax"
	.globl	pv_upcall_turned_callback, pv_upcall_turned_end
pv_upcall_turned_callback:		/* ring 3, guest kernel mode, events masked */
	UPCALL_POP_BOUNCE
	INJECTED_COST
	UPCALL_IDTENTRY xen_pv_evtchn_do_upcall_turned
pv_upcall_turned_end:
