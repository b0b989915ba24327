/* Bring-up of the 64-bit kernel, in dependency order. */
#include <entrybench/protocol.h>
#include "arch.h"
#include "lib.h"
#include "x86.h"
#include <arch/percpu.h>
#include <arch/desc.h>
#include <arch/nmi.h>
#include <arch/nmi_torture.h>
#include <arch/pv.h>
#include <arch/upcall_torture.h>
#include <arch/regs.h>
#include <arch/segment.h>
#include "variant.h"

void desc_init(void);
void idt_reset(void);
void paging_init(void);
void trap_init(void);
void user_exit(void);

const char arch_mode[] = "x86_64";

const char *const reg_names[NR_CHECK_REGS] = {
	[REG_AX] = "rax", [REG_CX] = "rcx", [REG_DX] = "rdx", [REG_BX] = "rbx",
	[REG_SP] = "rsp", [REG_BP] = "rbp", [REG_SI] = "rsi", [REG_DI] = "rdi",
	[REG_R8] = "r8", [REG_R9] = "r9", [REG_R10] = "r10", [REG_R11] = "r11",
	[REG_R12] = "r12", [REG_R13] = "r13", [REG_R14] = "r14", [REG_R15] = "r15",
	[REG_FLAGS] = "rflags",
};

struct idtr {
	u16 limit;
	u64 base;
} __attribute__((packed));

/*
 * With eb.nmi= an NMI may come at any instruction, also while the IDT is
 * cleared and refilled: meanwhile the CPU uses a copy of gates 0..2.
 */
static u8 shadow_idt[3 * 16] __aligned(16);

void arch_reset_entries(void)
{
	struct idtr idt, shadow = { sizeof(shadow_idt) - 1, (u64)shadow_idt };

	asm volatile("sidt %0" : "=m"(idt));
	memcpy(shadow_idt, (void *)idt.base, sizeof(shadow_idt));
	asm volatile("lidt %0" : : "m"(shadow) : "memory");
	idt_reset();
	trap_init();
	idt_set_gate(VEC_USER_EXIT, user_exit, 3, 0);
	wrmsr(MSR_LSTAR, 0);	/* a SYSCALL nobody set up faults at RIP 0 */
	/* a breakpoint a failed check left armed must not fire in the next variant */
	asm volatile("mov %0, %%dr7" : : "r"(0ul));
	nmi_system_regate();
	asm volatile("lidt %0" : : "m"(idt) : "memory");
}

void arch_init(void)
{
	desc_init();
	paging_init();
	mask_legacy_pic();	/* x86.h: ring 3 runs with IF set too */
	pv_init();		/* the in-guest hypervisor writes its hypercall page */
	arch_reset_entries();
}

void arch_kernel_stacks(unsigned long sp[NR_KERNEL_STACKS])
{
	sp[0] = tss.sp[0];
	sp[1] = percpu.top_of_stack;
	sp[2] = (unsigned long)rdmsr(MSR_IA32_SYSENTER_ESP);
}

int arch_torture(const char *what)
{
	const struct variant *v = find_variant(what);

	if (!strcmp(what, EB_TORTURE_UPCALL))
		return upcall_torture(NULL);
	if (v && v->torture && !strcmp(v->torture, EB_TORTURE_UPCALL))
		return upcall_torture(what);
	return nmi_torture(strcmp(what, EB_FAMILY_NMI) ? what : NULL);
}

int arch_nmi_install(const char *name)
{
	const struct variant *v = find_variant(name);

	if (!v || v->family != FAMILY_NMI)
		return -1;
	nmi_system_install(v);
	return 0;
}

u64 arch_nmi_handled(void)
{
	return nmi_system_handled;
}
