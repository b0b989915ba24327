/*
 * struct pt_regs: the frame a full entry builds, slot for slot Linux's
 * (arch/x86/include/asm/ptrace.h), so entry code reads the same.  The lower
 * part is pushed by software (calling.h), the top five words by the CPU or
 * by SYSCALL entry code imitating it.  Assembly uses the offsets below, C
 * the structure; the asserts keep the two the same.
 */
#ifndef ARCH_PTREGS_H
#define ARCH_PTREGS_H

/*
 * C ABI says these regs are callee-preserved.  They aren't saved on kernel
 * entry unless the entry needs a complete, fully filled struct pt_regs.
 */
#define R15		0
#define R14		8
#define R13		16
#define R12		24
#define RBP		32
#define RBX		40
/* These regs are callee-clobbered.  Always saved on kernel entry. */
#define R11		48
#define R10		56
#define R9		64
#define R8		72
#define RAX		80
#define RCX		88
#define RDX		96
#define RSI		104
#define RDI		112
/*
 * On syscall entry, this is the syscall number.  On CPU exception, this is
 * the error code (or -1 when the vector pushes none).
 */
#define ORIG_RAX	120
/* Return frame for IRETQ: pushed by the CPU, or by SYSCALL entry code */
#define RIP		128
#define CS		136
#define EFLAGS		144
#define RSP		152
#define SS		160
#define SIZEOF_PTREGS	168

/*
 * The same return frame on its own, as offsets from its lowest word (RIP):
 * for entry code that reads or rewrites the CPU's frame before pt_regs
 * exists, or without building one (the NMI entries, the minimal ones).
 */
#define HW_RIP		(RIP - RIP)
#define HW_CS		(CS - RIP)
#define HW_RFLAGS	(EFLAGS - RIP)
#define HW_RSP		(RSP - RIP)
#define HW_SS		(SS - RIP)
#define SIZEOF_HW_FRAME	(SIZEOF_PTREGS - RIP)

#ifndef __ASSEMBLER__
#include "lib.h"

struct pt_regs {
	/* callee-preserved: saved only by entries that build all of pt_regs */
	unsigned long r15, r14, r13, r12, bp, bx;
	/* callee-clobbered: always saved */
	unsigned long r11, r10, r9, r8, ax, cx, dx, si, di;
	unsigned long orig_ax;	/* syscall number, or error code / -1 */
	/* return frame for IRETQ */
	unsigned long ip, cs, flags, sp, ss;
};
ASSERT_OFFSET(struct pt_regs, r15, R15);
ASSERT_OFFSET(struct pt_regs, r14, R14);
ASSERT_OFFSET(struct pt_regs, r13, R13);
ASSERT_OFFSET(struct pt_regs, r12, R12);
ASSERT_OFFSET(struct pt_regs, bp, RBP);
ASSERT_OFFSET(struct pt_regs, bx, RBX);
ASSERT_OFFSET(struct pt_regs, r11, R11);
ASSERT_OFFSET(struct pt_regs, r10, R10);
ASSERT_OFFSET(struct pt_regs, r9, R9);
ASSERT_OFFSET(struct pt_regs, r8, R8);
ASSERT_OFFSET(struct pt_regs, ax, RAX);
ASSERT_OFFSET(struct pt_regs, cx, RCX);
ASSERT_OFFSET(struct pt_regs, dx, RDX);
ASSERT_OFFSET(struct pt_regs, si, RSI);
ASSERT_OFFSET(struct pt_regs, di, RDI);
ASSERT_OFFSET(struct pt_regs, orig_ax, ORIG_RAX);
ASSERT_OFFSET(struct pt_regs, ip, RIP);
ASSERT_OFFSET(struct pt_regs, cs, CS);
ASSERT_OFFSET(struct pt_regs, flags, EFLAGS);
ASSERT_OFFSET(struct pt_regs, sp, RSP);
ASSERT_OFFSET(struct pt_regs, ss, SS);
ASSERT_SIZE(struct pt_regs, SIZEOF_PTREGS);

/* The CPU's interrupt frame alone (the HW_* offsets) */
struct hw_frame {
	unsigned long ip, cs, flags, sp, ss;
};
ASSERT_OFFSET(struct hw_frame, ip, HW_RIP);
ASSERT_OFFSET(struct hw_frame, cs, HW_CS);
ASSERT_OFFSET(struct hw_frame, flags, HW_RFLAGS);
ASSERT_OFFSET(struct hw_frame, sp, HW_RSP);
ASSERT_OFFSET(struct hw_frame, ss, HW_SS);
ASSERT_SIZE(struct hw_frame, SIZEOF_HW_FRAME);
#endif

#endif
