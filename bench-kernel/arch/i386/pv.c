/*
 * The hypervisor side of the in-guest PV model (pv.h): the hypercall page it
 * writes at boot, its hypercall table, and what a PV variant sets up.
 */
#include "lib.h"
#include <arch/desc.h>
#include <arch/pv.h>
#include <arch/segment.h>

#define PV_STACK_SIZE	8192

/* pv_hv.S */
void hypervisor_call(void);
void pv_cs_watch(void);
void hc_enosys(void), hc_null(void), hc_irq_disable(void), hc_irq_enable(void), hc_iret(void);

/* The opcodes the stubs are made of. */
#define OP_PUSH_EAX	0x50
#define OP_MOV_EAX_IMM	0xb8
#define OP_INT		0xcd
#define OP_RET		0xc3
#define OP_INT3		0xcc

char hypercall_page[NR_HYPERCALLS * HYPERCALL_STUB_SIZE] __aligned(4096);
void (*hypercall_table[NR_HYPERCALLS])(void);
struct pv_vcpu pv_vcpu;
u16 pv_seen_cs;

static u8 pv_kernel_stack[PV_STACK_SIZE] __aligned(16);

/*
 * Xen's 32-bit layout: `mov $nr, %eax; int $0x82; ret`, and for iret, which
 * never returns, `push %eax` first to complete its context (pv_hv.S).  The
 * rest of each 32-byte slot is INT3.
 */
static void write_stub(u8 *p, u32 nr)
{
	memset(p, OP_INT3, HYPERCALL_STUB_SIZE);
	if (nr == HC_iret)
		*p++ = OP_PUSH_EAX;
	*p++ = OP_MOV_EAX_IMM;
	for (int i = 0; i < 4; i++)
		*p++ = (u8)(nr >> (8 * i));
	*p++ = OP_INT;
	*p++ = VEC_HYPERCALL;
	if (nr != HC_iret)
		*p = OP_RET;
}

void pv_init(void)
{
	for (u32 nr = 0; nr < NR_HYPERCALLS; nr++) {
		write_stub((u8 *)HYPERCALL(nr), nr);
		hypercall_table[nr] = hc_enosys;
	}
	hypercall_table[HC_null] = hc_null;
	hypercall_table[HC_irq_disable] = hc_irq_disable;
	hypercall_table[HC_irq_enable] = hc_irq_enable;
	hypercall_table[HC_iret] = hc_iret;
}

/*
 * What the PV kernel's boot would have asked for: its stack (Xen's
 * stack_switch, which lands in tss.ss1:sp1) and the hypercall gate, which
 * arch_reset_entries() cleared.
 */
void pv_setup(void)
{
	struct tss *tss = &cpu_entry_area.tss;

	pv_vcpu.kernel_sp = (unsigned long)(pv_kernel_stack + PV_STACK_SIZE);
	tss->sp1 = pv_vcpu.kernel_sp;
	tss->ss1 = __PV_KERNEL_DS;
	idt_set_gate(VEC_HYPERCALL, hypervisor_call, 1);
	pv_vcpu.int80_handler = NULL;
	pv_seen_cs = 0;
}

/* A #DB on the PV kernel's entry notes its CS, once (pv_hv.S) */
void pv_watch_cs(void (*code)(void))
{
	pv_seen_cs = 0;
	idt_set_gate(1, pv_cs_watch, 0);
	asm volatile("mov %0, %%dr0" : : "r"((unsigned long)code));
	asm volatile("mov %0, %%dr7" : : "r"(1ul));	/* L0; R/W0 = LEN0 = 0: fetch */
}

/* NULL if the PV kernel's entry ran in code segment want_cs, else what it saw. */
const char *pv_check_cs(u16 want_cs)
{
	asm volatile("mov %0, %%dr7" : : "r"(0ul));	/* if the trip never got there */
	static const char hex[] = "0123456789abcdef";
	static char why[] = "the PV kernel's entry ran with CS 0x.... (ring .), not 0x....";
	char *got = why + 36, *ring = why + 47, *want = why + 57;	/* the dots */

	if (pv_seen_cs == want_cs)
		return NULL;
	if (!pv_seen_cs)
		return "the PV kernel's entry never ran";
	for (int i = 0; i < 4; i++) {
		got[i] = hex[(pv_seen_cs >> (12 - 4 * i)) & 15];
		want[i] = hex[(want_cs >> (12 - 4 * i)) & 15];
	}
	*ring = (char)('0' + (pv_seen_cs & 3));
	return why;
}
