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
