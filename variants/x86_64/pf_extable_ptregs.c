#include "variant.h"
#include <arch/desc.h>
#include <arch/traps.h>

void asm_exc_page_fault(void);

static void setup(void)
{
	pf_seen_reset();
	idt_set_gate(X86_TRAP_PF, asm_exc_page_fault, 0, 0);
}

VARIANT(pf_extable_ptregs) = {
	.name = "pf-extable-ptregs",
	.family = FAMILY_EXCEPTION,
	.models = "#PF from a user load of a not-present page into a Linux-style full-frame entry: "
		  "SWAPGS, pt_regs with the error code in orig_ax, C handler that reads CR2 and "
		  "applies an exception-table fixup (-EFAULT, a kernel uaccess mechanism, not "
		  "Linux's SIGSEGV or demand paging for a user fault), IRETQ exit",
	.source = "Linux arch/x86/entry/entry_64.S idtentry, mm/fault.c exc_page_fault(), "
		  "mm/extable.c fixup_exception()",
	.cpl = 3,
	.clobbers = 0,
	.result = (unsigned long)-EFAULT,
	.setup = setup,
	.trip = user_pf_efault,
	.check = pf_seen_check,
};
