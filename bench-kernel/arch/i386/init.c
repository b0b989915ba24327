/* Bring-up of the 32-bit kernel, in dependency order. */
#include "arch.h"
#include "lib.h"
#include "x86.h"
#include <arch/desc.h>
#include <arch/pv.h>
#include <arch/regs.h>
#include <arch/segment.h>

void desc_init(void);
void idt_reset(void);
void paging_init(void);
void trap_init(void);
void user_exit(void);

const char arch_mode[] = "i386";

const char *const reg_names[NR_CHECK_REGS] = {
	[REG_AX] = "eax", [REG_CX] = "ecx", [REG_DX] = "edx", [REG_BX] = "ebx",
	[REG_SP] = "esp", [REG_BP] = "ebp", [REG_SI] = "esi", [REG_DI] = "edi",
	[REG_FLAGS] = "eflags",
};

void arch_reset_entries(void)
{
	idt_reset();
	trap_init();
	idt_set_gate(VEC_USER_EXIT, user_exit, 3);
	wrmsr(MSR_IA32_SYSENTER_CS, 0);	/* a SYSENTER nobody set up #GPs */
}

void arch_init(void)
{
	desc_init();
	paging_init();
	mask_legacy_pic();
	pv_init();		/* the in-guest hypervisor writes its hypercall page */
	arch_reset_entries();
}

/* tss.ss0:sp0 is the stack entries from ring 3 load; SYSENTER_ESP too. */
void arch_kernel_stacks(unsigned long sp[NR_KERNEL_STACKS])
{
	sp[0] = cpu_entry_area.tss.sp0;
	sp[1] = cpu_entry_area.tss.ss0;
	sp[2] = (unsigned long)rdmsr(MSR_IA32_SYSENTER_ESP);
}

/* The NMI designs under torture are 64-bit IST designs. */
int arch_torture(const char *what)
{
	(void)what;
	return -1;
}

int arch_nmi_install(const char *variant)
{
	(void)variant;
	return -1;
}

u64 arch_nmi_handled(void)
{
	return 0;
}
