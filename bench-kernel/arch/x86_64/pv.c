/*
 * The hypervisor side of the in-guest PV model (pv.h): the hypercall page it
 * writes at boot, its hypercall table, and what a PV variant sets up.  The
 * page and the PV kernel's stack are in the user region: the PV kernel runs
 * in ring 3.
 */
#include "lib.h"
#include "user.h"
#include <arch/desc.h>
#include <arch/pv.h>
#include <arch/traps.h>

#define PV_STACK_SIZE	8192
#define HV_STACK_SIZE	4096

/* pv_hv.S */
void hypervisor_syscall(void);
void pv_cs_watch(void);
void hc_enosys(void), hc_null(void), hc_iret(void);
void syscall_init(void (*entry)(void));

__user_data char hypercall_page[NR_HYPERCALLS * HYPERCALL_STUB_SIZE] __aligned(4096);
u16 pv_seen_cs;
__user_data static u8 pv_kernel_stack[PV_STACK_SIZE] __aligned(16);

static u8 pv_hv_stack[HV_STACK_SIZE] __aligned(16);
u8 *const pv_hv_stack_top = pv_hv_stack + HV_STACK_SIZE;
void (*hypercall_table[NR_HYPERCALLS])(void);
struct pv_vcpu pv_vcpu;

/*
 * Xen's 64-bit layout: push %rcx (51); push %r11 (41 53); mov $nr, %eax
 * (b8 imm32); syscall (0f 05); pop %r11 (41 5b); pop %rcx (59); ret (c3).
 * iret never returns: push %rax (50) after the two pushes completes its
 * context, and nothing follows the SYSCALL.  The rest of a slot is INT3.
 */
static void write_stub(u8 *p, u32 nr)
{
	static const u8 push[] = { 0x51, 0x41, 0x53 }, pop_ret[] = { 0x41, 0x5b, 0x59, 0xc3 };

	memset(p, 0xcc, HYPERCALL_STUB_SIZE);
	memcpy(p, push, sizeof(push));
	p += sizeof(push);
	if (nr == HC_iret)
		*p++ = 0x50;
	*p++ = 0xb8;
	for (int i = 0; i < 4; i++)
		*p++ = (u8)(nr >> (8 * i));
	*p++ = 0x0f;
	*p++ = 0x05;
	if (nr != HC_iret)
		memcpy(p, pop_ret, sizeof(pop_ret));
}

void pv_init(void)
{
	for (u32 nr = 0; nr < NR_HYPERCALLS; nr++) {
		write_stub((u8 *)HYPERCALL(nr), nr);
		hypercall_table[nr] = hc_enosys;
	}
	hypercall_table[HC_null] = hc_null;
	hypercall_table[HC_iret] = hc_iret;
}

/*
 * What the PV kernel's boot would have registered (stack_switch, the
 * syscall callback: the variant fills that in), and which of guest kernel
 * and guest user the timed ring-3 job plays.
 */
void pv_setup(bool kernel_mode)
{
	pv_vcpu = (struct pv_vcpu){
		.kernel_mode = kernel_mode,
		.kernel_sp = (unsigned long)(pv_kernel_stack + PV_STACK_SIZE),
	};
	pv_seen_cs = 0;
	syscall_init(hypervisor_syscall);
}

/* A #DB on the PV kernel's first instruction notes its CS, once (pv_hv.S) */
void pv_watch_cs(void (*code)(void))
{
	pv_seen_cs = 0;
	idt_set_gate(X86_TRAP_DB, pv_cs_watch, 0, 0);
	asm volatile("mov %0, %%dr0" : : "r"((unsigned long)code));
	asm volatile("mov %0, %%dr7" : : "r"(1ul));	/* L0; R/W0 = LEN0 = 0: fetch */
}

/* NULL if the PV kernel's code ran in code segment want_cs, else what it saw. */
const char *pv_check_cs(u16 want_cs)
{
	asm volatile("mov %0, %%dr7" : : "r"(0ul));	/* if the trip never got there */
	static const char hex[] = "0123456789abcdef";
	static char why[] = "the PV kernel ran with CS 0x.... (ring .), not 0x....";
	char *got = why + 28, *ring = why + 39, *want = why + 49;	/* the dots */

	if (pv_seen_cs == want_cs)
		return NULL;
	if (!pv_seen_cs)
		return "the PV kernel's code never ran";
	for (int i = 0; i < 4; i++) {
		got[i] = hex[(pv_seen_cs >> (12 - 4 * i)) & 15];
		want[i] = hex[(want_cs >> (12 - 4 * i)) & 15];
	}
	*ring = (char)('0' + (pv_seen_cs & 3));
	return why;
}
