/* System call numbers, the same as Linux's for the paths they model. */
#ifndef ARCH_UNISTD_H
#define ARCH_UNISTD_H

#define __NR_getppid		110	/* x86_64 table */
#define __NR_ia32_getppid	64	/* i386 table, reached by int $0x80 */

/* Every variant answers getppid(); in this kernel init is everyone's parent. */
#define GETPPID_ANSWER		1

#ifndef __ASSEMBLER__
/* User-side round trips (usercall.S), the bench kernel's "libc". */
void user_syscall_getppid(void);
void user_int80_getppid(void);
void user_sysenter_getppid(void);	/* clobbers RCX and RDX: SYSEXITQ's RSP and RIP */
#endif

#endif
