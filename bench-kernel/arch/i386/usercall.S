/*
 * User-side halves of the round trips, what libc and the vDSO would be: load
 * the number, enter the kernel, return.  Several variants share one of these
 * and differ only in the kernel entry they install.
 */
#include <arch/unistd.h>

	.section .utext, "ax"

	.globl	user_int80_getppid
user_int80_getppid:
	movl	$__NR_getppid, %eax
	int	$0x80
	ret

/*
 * libc's call through AT_SYSINFO and the vDSO's __kernel_vsyscall in one
 * (arch/x86/entry/vdso/vdso32/system_call.S): SYSENTER keeps neither the
 * return address nor the stack, so the vDSO saves %ecx, %edx and %ebp and
 * passes its stack pointer in %ebp; the kernel returns to the landing pad
 * with SYSEXIT (EIP <- %edx, ESP <- %ecx) or IRET.  Linux keeps an
 * `int $0x80` before the pad for restarted calls; nothing restarts here.
 */
	.globl	user_sysenter_getppid, vsyscall_landing_pad
user_sysenter_getppid:
	movl	$__NR_getppid, %eax
	pushl	%ecx
	pushl	%edx
	pushl	%ebp
	movl	%esp, %ebp
	sysenter
vsyscall_landing_pad:
	popl	%ebp
	popl	%edx
	popl	%ecx
	ret
