/* System call numbers, the same as Linux's i386 table. */
#ifndef ARCH_UNISTD_H
#define ARCH_UNISTD_H

#define __NR_getppid		64

/* Every variant answers getppid(); in this kernel init is everyone's parent. */
#define GETPPID_ANSWER		1

#ifndef __ASSEMBLER__
/* User-side round trips (usercall.S), the bench kernel's libc and vDSO. */
void user_int80_getppid(void);
void user_sysenter_getppid(void);
extern char vsyscall_landing_pad[];	/* where SYSEXIT and IRET return to */
#endif

#endif
