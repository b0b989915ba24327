/*
 * The event channel hypervisor's C side (pv_evtchn.h): its setup, its two
 * hypercall tables, and the hooks of its traced twin, which keep the list
 * of live upcall frames and judge each iret against the frame it returns
 * from.  The hooks are checks, not model: the plain twin, which the
 * variants time, has none of them.
 */
#include "lib.h"
#include "user.h"
#include <arch/pv_evtchn.h>
#include <arch/pv_upcall.h>
#include <arch/upcall_torture.h>

/* pv_evtchn.S, pv_hv.S, syscall.c */
void hypervisor_syscall_evtchn(void), hypervisor_syscall_evtchn_traced(void);
void hc_evtchn_send(void), hc_evtchn_send_traced(void);
void hc_preemptible(void), hc_preemptible_traced(void);
void hc_iret_evtchn(void), hc_iret_evtchn_traced(void);
void hc_enosys(void), hc_null(void);
void syscall_init(void (*entry)(void));

__user_data struct vcpu_info pv_vcpu_info;
struct pv_evtchn pv_evtchn;
struct hv_trace hv_trace;
void (*hypercall_table_evtchn[NR_HYPERCALLS])(void);
void (*hypercall_table_evtchn_traced[NR_HYPERCALLS])(void);

static void fill_table(void (*table[NR_HYPERCALLS])(void), void (*send)(void),
		       void (*preemptible)(void), void (*iret)(void))
{
	for (int nr = 0; nr < NR_HYPERCALLS; nr++)
		table[nr] = hc_enosys;
	table[HC_null] = hc_null;
	table[HC_evtchn_send] = send;
	table[HC_preemptible] = preemptible;
	table[HC_iret] = iret;
}

void pv_evtchn_setup(void (*callback)(void), bool traced)
{
	pv_setup(true);		/* guest kernel mode, its stack, SYSCALL on */
	fill_table(hypercall_table_evtchn, hc_evtchn_send, hc_preemptible, hc_iret_evtchn);
	fill_table(hypercall_table_evtchn_traced, hc_evtchn_send_traced,
		   hc_preemptible_traced, hc_iret_evtchn_traced);
	syscall_init(traced ? hypervisor_syscall_evtchn_traced : hypervisor_syscall_evtchn);
	pv_evtchn = (struct pv_evtchn){
		.callback = callback,
		.callback_flags = X86_EFLAGS_FIXED,
	};
	pv_vcpu_info = (struct vcpu_info){ 0 };
	hv_trace = (struct hv_trace){ 0 };
}

void hv_wrong(enum hv_wrong what, unsigned long rip)
{
	if (hv_trace.wrong == HV_OK) {
		hv_trace.wrong = what;
		hv_trace.wrong_rip = rip;
	}
}

bool hv_in_preemptible_hcall(unsigned long rip)
{
	unsigned long stub = (unsigned long)HYPERCALL(HC_preemptible);

	return (rip >= (unsigned long)pv_phc_begin && rip < (unsigned long)pv_phc_end) ||
	       (rip >= stub && rip < stub + HYPERCALL_STUB_SIZE);
}

/* A bounce frame was just built at pv_evtchn.frame: one more live upcall. */
void hv_trace_bounce(void)
{
	const struct bounce_frame *f = (const struct bounce_frame *)pv_evtchn.frame;

	hv_trace.bounces++;
	upcall_torture_bounce_bound();
	if (hv_trace.nlive == HV_MAX_LIVE) {
		hv_wrong(HV_TOO_DEEP, f->rip);
		return;
	}
	hv_trace.live[hv_trace.nlive++] = (struct hv_frame){
		.at = (unsigned long)&f->rip,
		.rip = f->rip,
		.rflags = f->rflags,
		.flag = pv_in_preemptible_hcall,
		.in_hcall = hv_in_preemptible_hcall(f->rip),
	};
	/* The torture steps through the first upcall, to its return */
	if (hv_trace.step_armed && hv_trace.bounces == 1) {
		hv_trace.stepping = true;
		hv_trace.first_frame = (unsigned long)&f->rip;
		pv_evtchn.callback_flags |= X86_EFLAGS_TF;
	}
}

/*
 * The iret hypercall, its struct iret_context at the guest's RSP: it ends
 * the youngest live upcall, whose frame it must be, and that upcall must
 * leave the in-preemptible-hypercall flag as it found it.
 */
void hv_trace_iret(void)
{
	const struct iret_context *c = (const struct iret_context *)pv_vcpu.guest_sp;
	unsigned long at = (unsigned long)&c->rip;
	int i = hv_trace.nlive - 1;

	hv_trace.irets++;
	while (i >= 0 && hv_trace.live[i].at != at)
		i--;
	if (i < 0) {
		hv_wrong(HV_STRAY_IRET, c->rip);
		return;
	}
	if (i != hv_trace.nlive - 1)
		hv_wrong(HV_SKIPPED_FRAMES, c->rip);
	if (pv_in_preemptible_hcall != hv_trace.live[i].flag)
		hv_wrong(HV_FLAG_LOST, c->rip);
	hv_trace.nlive = i;
	if (hv_trace.stepping && at == hv_trace.first_frame) {
		hv_trace.stepping = false;
		pv_evtchn.callback_flags &= ~X86_EFLAGS_TF;
	}
}

void hv_trace_raise(void)
{
	if (pv_evtchn.port < NR_EVTCHN)
		hv_trace.raised[pv_evtchn.port]++;
}

void hv_trace_hcall_enter(void)
{
	if (!hv_trace.hcall_open)
		hv_trace.hcalls++;
	hv_trace.hcall_open = true;
}

void hv_trace_continuation(void)
{
	hv_trace.continuations++;
}

void hv_trace_hcall_done(void)
{
	hv_trace.hcall_open = false;
}
