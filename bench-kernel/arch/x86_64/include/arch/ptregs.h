/*
 * struct pt_regs: the frame a full entry builds, slot for slot Linux's
 * (arch/x86/include/asm/ptrace.h), so entry code reads the same.  The lower
 * part is pushed by software (calling.h), the top five words by the CPU or
 * by SYSCALL entry code imitating it.
 */
#ifndef ARCH_PTREGS_H
#define ARCH_PTREGS_H

#define R15		0
#define R14		8
#define R13		16
#define R12		24
#define RBP		32
#define RBX		40
#define R11		48
#define R10		56
#define R9		64
#define R8		72
#define RAX		80
#define RCX		88
#define RDX		96
#define RSI		104
#define RDI		112
#define ORIG_RAX	120	/* syscall number, or error code / vector */
#define RIP		128	/* hardware frame from here up */
#define CS		136
#define EFLAGS		144
#define RSP		152
#define SS		160
#define SIZEOF_PTREGS	168

#ifndef __ASSEMBLER__
struct pt_regs {
	unsigned long r15, r14, r13, r12, bp, bx;
	unsigned long r11, r10, r9, r8, ax, cx, dx, si, di;
	unsigned long orig_ax;
	unsigned long ip, cs, flags, sp, ss;
};
_Static_assert(__builtin_offsetof(struct pt_regs, orig_ax) == ORIG_RAX, "");
_Static_assert(sizeof(struct pt_regs) == SIZEOF_PTREGS, "");
#endif

#endif
