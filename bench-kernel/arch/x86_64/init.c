/* Bring-up of the 64-bit kernel, in dependency order. */
#include "arch.h"
#include "lib.h"
#include "x86.h"
#include <arch/percpu.h>
#include <arch/desc.h>
#include <arch/nmi_torture.h>
#include <arch/pv.h>
#include <arch/regs.h>
#include <arch/segment.h>

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

void arch_reset_entries(void)
{
	idt_reset();
	trap_init();
	idt_set_gate(VEC_USER_EXIT, user_exit, 3, 0);
	wrmsr(MSR_LSTAR, 0);	/* a SYSCALL nobody set up faults at RIP 0 */
	/* a breakpoint a failed check left armed must not fire in the next variant */
	asm volatile("mov %0, %%dr7" : : "r"(0ul));
}

void arch_init(void)
{
	desc_init();
	paging_init();
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
	return nmi_torture(strcmp(what, "nmi") ? what : NULL);
}
