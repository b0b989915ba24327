/*
 * What every NMI design shares: the IST stack, the counters and the
 * handler body (arch/nmi.h).  The body is minimal but real: it counts the
 * NMI, so the checks can tell a lost or doubled NMI from a handled one.
 */
#include <entrybench/protocol.h>
#include "variant.h"
#include "x86.h"
#include <arch/apic.h>
#include <arch/desc.h>
#include <arch/nmi.h>

ASSERT_OFFSET(struct tss, ist, TSS_ist);

u8 nmi_ist_stack[NMI_STACK_SIZE] __aligned(NMI_STACK_SIZE);
struct nmi_stat nmi_stat;
void (*nmi_handler)(void) = nmi_count;

void nmi_count(void)
{
	nmi_stat.handled++;
}

void nmi_setup(const struct nmi_design *design, unsigned long ist_top)
{
	nmi_stat = (struct nmi_stat){ 0 };
	nmi_handler = nmi_count;
	apic_init();
	if (design->ist)
		tss.ist[design->ist - 1] = ist_top;
	idt_set_gate(2, design->entry, 0, design->ist);
}

const char *nmi_check_counts(void)
{
	if (!nmi_stat.sent)
		return "no NMI was sent";
	if (nmi_stat.handled < nmi_stat.sent)
		return "an NMI was lost: fewer handler runs than NMIs sent";
	if (nmi_stat.handled > nmi_stat.sent)
		return "the handler ran more often than NMIs were sent";
	return NULL;
}

volatile u64 nmi_system_handled;
static const struct nmi_design *system_design;

/*
 * The host injects the next NMI only once it has read this run's ack
 * (EB_PORT_NMI_ACK), so it never has two in flight.  The ack comes after
 * the count: a host that saw ack n knows the guest counted n.
 */
static void nmi_system_count(void)
{
	nmi_system_handled++;
	outb(EB_PORT_NMI_ACK, (u8)nmi_system_handled);
}

/* Before any NMI can come: the host injects only after `hello`. */
void nmi_system_install(const struct variant *v)
{
	v->setup();
	nmi_handler = nmi_system_count;
	system_design = v->nmi;
}

bool nmi_system_regate(void)
{
	if (system_design)
		idt_set_gate(2, system_design->entry, 0, system_design->ist);
	return system_design;
}
