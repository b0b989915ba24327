/*
 * struct pt_regs: the frame a full entry builds, slot for slot Linux's i386
 * one (arch/x86/include/asm/ptrace.h), so entry code reads the same.  The
 * lower part is pushed by SAVE_ALL (calling.h), orig_ax by the entry, and the
 * top five words by the CPU (from ring 3) or by SYSENTER entry code
 * imitating it.  Segment slots are 16 bits with padding: a 32-bit push of a
 * segment register may leave the upper half of its slot unwritten.
 */
#ifndef ARCH_PTREGS_H
#define ARCH_PTREGS_H

#define PT_EBX		0
#define PT_ECX		4
#define PT_EDX		8
#define PT_ESI		12
#define PT_EDI		16
#define PT_EBP		20
#define PT_EAX		24
#define PT_DS		28
#define PT_ES		32
#define PT_FS		36
#define PT_GS		40
#define PT_ORIG_EAX	44	/* syscall number, or error code */
#define PT_EIP		48	/* hardware frame from here up */
#define PT_CS		52
#define PT_EFLAGS	56
#define PT_OLDESP	60	/* only when coming from ring 3 */
#define PT_OLDSS	64
#define SIZEOF_PTREGS	68

#ifndef __ASSEMBLER__
#include "types.h"

struct pt_regs {
	unsigned long bx, cx, dx, si, di, bp, ax;
	u16 ds, __dsh;
	u16 es, __esh;
	u16 fs, __fsh;
	u16 gs, __gsh;
	unsigned long orig_ax;
	unsigned long ip;
	u16 cs, __csh;
	unsigned long flags;
	unsigned long sp;
	u16 ss, __ssh;
};
_Static_assert(__builtin_offsetof(struct pt_regs, ds) == PT_DS, "");
_Static_assert(__builtin_offsetof(struct pt_regs, orig_ax) == PT_ORIG_EAX, "");
_Static_assert(__builtin_offsetof(struct pt_regs, sp) == PT_OLDESP, "");
_Static_assert(sizeof(struct pt_regs) == SIZEOF_PTREGS, "");

/* A trap from ring 0 pushes no SS:ESP: the interrupted stack starts at ->sp. */
static inline unsigned long interrupted_sp(struct pt_regs *regs)
{
	return (regs->cs & 3) ? regs->sp : (unsigned long)&regs->sp;
}
#endif

#endif
