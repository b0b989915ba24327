/*
 * User-side halves of the round trips, what libc or the vDSO would be: load
 * the number, enter the kernel, return.  Several variants share one of these
 * and differ only in the kernel entry they install.
 */
#include <arch/unistd.h>

	.section .utext, "ax"

	.globl	user_syscall_getppid
user_syscall_getppid:
	movl	$__NR_getppid, %eax
	syscall
	ret

	.globl	user_int80_getppid
user_int80_getppid:
	movl	$__NR_ia32_getppid, %eax
	int	$0x80
	ret

/* SYSENTER saves nothing: SYSEXITQ returns to RDX with RSP = RCX. */
	.globl	user_sysenter_getppid
user_sysenter_getppid:
	movl	$__NR_getppid, %eax
	movq	%rsp, %rcx
	leaq	1f(%rip), %rdx
	sysenter
1:	ret

/*
 * Exceptions on purpose (traps.h).  The handlers answer in %rax, so the
 * result check shows which one ran.
 */
	.globl	user_int3
user_int3:
	int3				/* #BP: a trap, RIP already past it */
	ret

	.globl	user_ud2
user_ud2:
	ud2				/* #UD: a fault, the handler steps over it */
	ret

/*
 * A load that always faults, with an exception-table entry as Linux's uaccess
 * code has: the handler resumes at user_pf_fixup with -EFAULT in %rax.
 */
	.globl	user_pf_efault, user_pf_load, user_pf_fixup
user_pf_efault:
	leaq	user_hole(%rip), %rax
user_pf_load:
	movl	(%rax), %eax
user_pf_fixup:
	ret
