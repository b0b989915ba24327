/*
 * The kernel side of a system call once the entry code has built pt_regs:
 * the table, the dispatch, and the decision whether SYSRET may return.
 * Shared by every full-frame SYSCALL variant, as Linux's
 * arch/x86/entry/syscall_64.c and common.c are.
 */
#include "lib.h"
#include "x86.h"
#include <arch/ptregs.h>
#include <arch/segment.h>
#include <arch/unistd.h>

#define TASK_SIZE_MAX	((1ul << 47) - 4096)	/* 4-level paging, minus the guard page */

typedef long (*sys_call_ptr_t)(const struct pt_regs *);

static long sys_getppid(const struct pt_regs *regs)
{
	(void)regs;
	return GETPPID_ANSWER;
}

static const sys_call_ptr_t sys_call_table[] = {
	[__NR_getppid] = sys_getppid,
};

/* The int $0x80 table, for compat entries; numbers as Linux's i386 ABI. */
static const sys_call_ptr_t ia32_sys_call_table[] = {
	[__NR_ia32_getppid] = sys_getppid,
};

static void dispatch(struct pt_regs *regs, unsigned long nr,
		     const sys_call_ptr_t *table, unsigned long size)
{
	if (nr < size && table[nr])
		regs->ax = (unsigned long)table[nr](regs);	/* else ax stays -ENOSYS */
}

/*
 * Returns true if SYSRET may be used: the same conditions as Linux's
 * do_syscall_64().  SYSRET takes RIP from RCX and RFLAGS from R11, cannot
 * restore RF or TF correctly, and #GPs in ring 0 on a non-canonical RCX on
 * Intel parts.
 */
bool do_syscall_64(struct pt_regs *regs, int nr)
{
	dispatch(regs, (unsigned long)(long)nr, sys_call_table, N_OF(sys_call_table));

	if (regs->cx != regs->ip || regs->r11 != regs->flags)
		return false;
	if (regs->cs != __USER_CS || regs->ss != __USER_DS)
		return false;
	if (regs->ip >= TASK_SIZE_MAX)
		return false;
	if (regs->flags & (X86_EFLAGS_RF | X86_EFLAGS_TF))
		return false;
	return true;
}

void do_int80_syscall_32(struct pt_regs *regs)
{
	dispatch(regs, (u32)regs->orig_ax, ia32_sys_call_table, N_OF(ia32_sys_call_table));
}

/*
 * Program SYSCALL: target, segments (see segment.h for why STAR holds
 * __USER32_CS) and the RFLAGS bits cleared on entry, as Linux's syscall_init().
 */
void syscall_init(void (*entry)(void))
{
	wrmsr(MSR_STAR, (u64)__USER32_CS << 48 | (u64)__KERNEL_CS << 32);
	wrmsr(MSR_LSTAR, (u64)entry);
	wrmsr(MSR_SYSCALL_MASK, X86_EFLAGS_TF | X86_EFLAGS_DF | X86_EFLAGS_IF |
				X86_EFLAGS_AC | X86_EFLAGS_NT);
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
}
