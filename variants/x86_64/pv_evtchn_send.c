/*
 * pv-evtchn-send: the event send hypercall of the pv-upcall-* variants'
 * round trip outside a hypercall, with events masked, so that no upcall
 * comes: the floor under them.  pv-upcall-<design> minus this is the
 * upcall's round trip outside any hypercall, from the exit's event test
 * (two instructions more when it delivers) to the return after it.  Its
 * check proves that the event was left pending and nothing was delivered.
 */
#include "variant.h"
#include <arch/pv_upcall.h>

UPCALL_CASE(masked, NULL, UPCALL_MASKED)

VARIANT(pv_evtchn_send) = {
	.name = "pv-evtchn-send",
	.family = FAMILY_PV,
	.models = "An event sent to this vCPU by hypercall (EVTCHNOP_send on an IPI port) "
		  "with events masked: the hypercall and the exit's event test, no upcall; "
		  "the floor under the pv-upcall-* variants",
	.source = "[xen-pv-idtentry] (the event upcall it leaves pending); Xen "
		  "evtchn_set_pending(), test_all_events",
	.cpl = 3,
	.clobbers = REG_BIT(REG_DI),
	.result = 0,
	.setup = masked_setup,
	.trip = pv_send_trip,
	.check = masked_check,
	.upcall = &masked,
};
