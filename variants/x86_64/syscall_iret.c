#include "variant.h"
#include <arch/desc.h>
#include <arch/traps.h>
#include <arch/unistd.h>

void entry_SYSCALL_64_iret(void);
void iret_watch(void);
void syscall_init(void (*entry)(void));
extern char native_irq_return_iret[];	/* entry.S: the IRETQ of the IRET exit */

#define DR7_L0	1	/* breakpoint 0 on; R/W0 = LEN0 = 0: instruction fetch */

unsigned long iret_watch_hits;

static void set_dr7(unsigned long v)
{
	asm volatile("mov %0, %%dr7" : : "r"(v));
}

/*
 * A hardware breakpoint on the IRET exit's IRETQ proves that the checked
 * trip left through it, without an instruction of bookkeeping on the path.
 */
static void setup(void)
{
	syscall_init(entry_SYSCALL_64_iret);
	iret_watch_hits = 0;
	idt_set_gate(X86_TRAP_DB, iret_watch, 0, 0);
	asm volatile("mov %0, %%dr0" : : "r"(native_irq_return_iret));
	set_dr7(DR7_L0);
}

static const char *check(void)
{
	set_dr7(0);		/* in case the trip never got there */
	if (iret_watch_hits != 1)
		return "the checked trip did not leave through the IRETQ exit exactly once";
	return NULL;
}

VARIANT(syscall_iret) = {
	.name = "syscall-iret",
	.family = FAMILY_SYSCALL,
	.models = "Linux-style SYSCALL entry (SWAPGS, stack switch, full pt_regs, C dispatch) "
		  "with the IRETQ exit taken when SYSRET is unsafe",
	.source = "Linux arch/x86/entry/entry_64.S entry_SYSCALL_64 and "
		  "swapgs_restore_regs_and_return_to_usermode, common.c do_syscall_64()",
	.cpl = 3,
	.clobbers = SYSCALL_CLOBBERS,
	.result = GETPPID_ANSWER,
	.setup = setup,
	.trip = user_syscall_getppid,
	.check = check,
};
