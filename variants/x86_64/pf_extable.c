#include "variant.h"
#include <arch/desc.h>
#include <arch/traps.h>

void asm_exc_page_fault_minimal(void);

static void setup(void)
{
	pf_seen_reset();
	idt_set_gate(X86_TRAP_PF, asm_exc_page_fault_minimal, 0, 0);
}

VARIANT(pf_extable) = {
	.name = "pf-extable",
	.family = FAMILY_EXCEPTION,
	.models = "#PF from a user load of a not-present page, minimal handler that records "
		  "CR2 and resumes at an exception-table fixup with -EFAULT, IRETQ exit: the cost "
		  "of #PF delivery and return, not Linux's handling of a user fault (SIGSEGV or "
		  "demand paging); the fixup is a kernel uaccess mechanism",
	.source = "Intel SDM page-fault delivery; the floor under Linux exc_page_fault() "
		  "and the get_user() exception-table fixup (kernel-mode faults only)",
	.cpl = 3,
	.clobbers = 0,
	.result = (unsigned long)-EFAULT,
	.setup = setup,
	.trip = user_pf_efault,
	.check = pf_seen_check,
};
