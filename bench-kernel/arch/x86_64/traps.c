/*
 * C halves of the full-frame exception variants (int3-ptregs, ud2-warn-ptregs,
 * pf-extable-ptregs), after Linux's arch/x86/kernel/traps.c and mm/extable.c, cut
 * down to the one case each variant provokes.  Anything else is unexpected
 * and goes to do_trap() (trap.c), which ends the run.  Each handler answers
 * in pt_regs->ax, so the harness's result check shows that it ran.
 */
#include "x86.h"
#include <arch/ptregs.h>
#include <arch/traps.h>

__noreturn void do_trap(unsigned vector, struct pt_regs *regs);

struct pf_seen pf_seen;

static bool user_mode(const struct pt_regs *regs)
{
	return regs->cs & 3;
}

/* No kprobes or uprobes to look up: a user INT3 is simply answered. */
void exc_int3(struct pt_regs *regs)
{
	if (!user_mode(regs))
		do_trap(X86_TRAP_BP, regs);
	regs->ax = X86_TRAP_BP;
}

/* Steps over a UD2, as handle_bug() does for WARN(); any other #UD is fatal. */
void exc_invalid_op(struct pt_regs *regs)
{
	if (!user_mode(regs) || *(const u16 *)regs->ip != INSN_UD2)
		do_trap(X86_TRAP_UD, regs);
	regs->ip += LEN_UD2;
	regs->ax = X86_TRAP_UD;
}

/*
 * No page is ever mapped in: the one exception-table entry (usercall.S)
 * resumes the faulting load at its fixup with -EFAULT in %rax, as Linux's
 * EX_TYPE_EFAULT_REG entries do for uaccess (ex_handler_imm_reg()).
 */
void exc_page_fault(struct pt_regs *regs, unsigned long error_code)
{
	unsigned long address = read_cr2();	/* first: another fault would overwrite it */

	pf_seen = (struct pf_seen){ .addr = address, .error_code = error_code };
	if (!user_mode(regs) || regs->ip != (unsigned long)user_pf_load)
		do_trap(X86_TRAP_PF, regs);
	regs->ip = (unsigned long)user_pf_fixup;
	regs->ax = (unsigned long)-EFAULT;
}

void pf_seen_reset(void)
{
	pf_seen = (struct pf_seen){ 0 };
}

/* The handler must have seen the trip's fault: a user read of user_hole. */
const char *pf_seen_check(void)
{
	if (pf_seen.addr != (unsigned long)user_hole)
		return "#PF handler saw a CR2 other than user_hole";
	if (pf_seen.error_code != X86_PF_USER)
		return "#PF handler saw an error code other than 0x4 (user read, not present)";
	return NULL;
}
