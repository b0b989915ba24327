/*
 * Unexpected exceptions land in do_trap(), which hands them to panic.c.
 * (No task gate for #DF: a fault that
 * cannot push its frame ends as a triple fault, which the host tells apart.)
 */
#include "panic.h"
#include <arch/desc.h>
#include <arch/ptregs.h>

__noreturn void do_trap(unsigned vector, struct pt_regs *regs)
{
	panic_exception(vector, regs->orig_ax, regs->ip, regs->cs, interrupted_sp(regs));
}

void trap_init(void)
{
	extern void (*const trap_stubs[32])(void);

	for (unsigned v = 0; v < 32; v++)
		idt_set_gate(v, trap_stubs[v], 0);
}
