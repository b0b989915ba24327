/*
 * pv-hcall-preemptible: the preemptible hypercall of the upcall variants
 * with no event: the flag set, HC_preemptible's eight steps through the
 * event channel hypervisor (its per-step event test and preemption check
 * included), the flag cleared, the cond_resched() test.  The -hcall and
 * -resched variants minus this is what the event costs inside the
 * hypercall.  Its check also proves that nothing was delivered.
 */
#include "variant.h"
#include <arch/pv_upcall.h>

UPCALL_CASE(quiet, NULL, UPCALL_NONE)

VARIANT(pv_hcall_preemptible) = {
	.name = "pv-hcall-preemptible",
	.family = FAMILY_PV,
	.models = "A preemptible hypercall (xen_in_preemptible_hcall set around a call into the "
		  "hypercall page) of eight steps, no event: the floor under the upcall-in-hypercall "
		  "variants",
	.source = "[xen-pv-idtentry] (xen_in_preemptible_hcall = true; CALL_NOSPEC to the "
		  "hypercall page; ... = false); Xen hypercall_preempt_check()",
	.cpl = 3,
	.clobbers = REG_BIT(REG_DI) | REG_BIT(REG_SI),
	.result = PV_HC_ANSWER,
	.setup = quiet_setup,
	.trip = pv_preemptible_trip,
	.check = quiet_check,
	.upcall = &quiet,
};
