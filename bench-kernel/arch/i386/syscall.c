/*
 * The kernel side of a system call once the entry code has built pt_regs:
 * the table, the dispatch, and the decision whether SYSEXIT may return.
 * Shared by every full-frame variant, as Linux's arch/x86/entry/common.c
 * (do_int80_syscall_32, do_fast_syscall_32) and syscall_32.c are.
 */
#include "lib.h"
#include "x86.h"
#include <arch/ptregs.h>
#include <arch/segment.h>
#include <arch/unistd.h>

#define CPUID_1_EDX_SEP		(1u << 11)	/* SYSENTER/SYSEXIT */

typedef long (*sys_call_ptr_t)(const struct pt_regs *);

static long sys_getppid(const struct pt_regs *regs)
{
	(void)regs;
	return GETPPID_ANSWER;
}

static const sys_call_ptr_t ia32_sys_call_table[] = {
	[__NR_getppid] = sys_getppid,
};

static void dispatch(struct pt_regs *regs)
{
	unsigned long nr = regs->orig_ax;

	if (nr < N_OF(ia32_sys_call_table) && ia32_sys_call_table[nr])
		regs->ax = (unsigned long)ia32_sys_call_table[nr](regs);	/* else -ENOSYS */
}

void do_int80_syscall_32(struct pt_regs *regs)
{
	dispatch(regs);
}

/*
 * SYSENTER's half of the vDSO convention, then the call.  Returns true if
 * SYSEXIT may return: the conditions of Linux's do_fast_syscall_32().
 * SYSEXIT cannot restore RF or TF correctly, nor any CS/SS other than the
 * pair SYSENTER_CS implies, nor an EIP other than the one in %edx.
 */
bool do_fast_syscall_32(struct pt_regs *regs)
{
	/* SYSENTER lost EIP: the vDSO's landing pad is the only way back */
	regs->ip = (unsigned long)vsyscall_landing_pad;
	/*
	 * The vDSO stashed the user's %ebp (the sixth argument) on the user
	 * stack; Linux fetches it with get_user(), this kernel's user memory
	 * is always mapped.
	 */
	regs->bp = *(const u32 *)regs->sp;

	dispatch(regs);

	return regs->cs == __USER_CS && regs->ss == __USER_DS &&
	       regs->ip == (unsigned long)vsyscall_landing_pad &&
	       !(regs->flags & (X86_EFLAGS_RF | X86_EFLAGS_TF | X86_EFLAGS_VM));
}

/* NULL if SYSENTER works here, else why not (for variant.unsupported). */
const char *sysenter_unsupported(void)
{
	u32 a, b, c, d;

	cpuid(1, &a, &b, &c, &d);
	return d & CPUID_1_EDX_SEP ? NULL : "the CPU model lacks SYSENTER/SYSEXIT (CPUID.1:EDX.SEP)";
}

/*
 * Program SYSENTER: CS (and with it SS and SYSEXIT's pair, see segment.h)
 * and the target.  SYSENTER_ESP is constant (desc.c).
 */
void sysenter_init(void (*entry)(void))
{
	wrmsr(MSR_IA32_SYSENTER_CS, __KERNEL_CS);
	wrmsr(MSR_IA32_SYSENTER_EIP, (u32)entry);
}
