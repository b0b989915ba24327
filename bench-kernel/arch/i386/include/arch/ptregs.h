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

/* The general registers, as SAVE_ALL pushes them (last pushed lowest) */
#define PT_EBX		0
#define PT_ECX		4
#define PT_EDX		8
#define PT_ESI		12
#define PT_EDI		16
#define PT_EBP		20
#define PT_EAX		24
/* The data segments the entry reloads; %fs and %gs as the user had them */
#define PT_DS		28
#define PT_ES		32
#define PT_FS		36
#define PT_GS		40
/*
 * On syscall entry, this is the syscall number.  On CPU exception, this is
 * the error code (the trap stubs park the vector in ->gs instead).
 */
#define PT_ORIG_EAX	44
/* Return frame for IRET: pushed by the CPU, or by SYSENTER entry code */
#define PT_EIP		48
#define PT_CS		52
#define PT_EFLAGS	56
#define PT_OLDESP	60	/* only when coming from ring 3 */
#define PT_OLDSS	64
#define SIZEOF_PTREGS	68

/*
 * The same return frame on its own, as offsets from its lowest word (EIP):
 * for code that reads or builds the CPU's frame without pt_regs (the PV
 * hypervisor, the probes).  ESP and SS are there only from another ring.
 */
#define HW_EIP		(PT_EIP - PT_EIP)
#define HW_CS		(PT_CS - PT_EIP)
#define HW_EFLAGS	(PT_EFLAGS - PT_EIP)
#define HW_ESP		(PT_OLDESP - PT_EIP)
#define HW_SS		(PT_OLDSS - PT_EIP)
#define SIZEOF_HW_FRAME	(SIZEOF_PTREGS - PT_EIP)

#ifndef __ASSEMBLER__
#include "lib.h"

struct pt_regs {
	unsigned long bx, cx, dx, si, di, bp, ax;
	u16 ds, __dsh;
	u16 es, __esh;
	u16 fs, __fsh;
	u16 gs, __gsh;
	unsigned long orig_ax;	/* syscall number, or error code */
	/* return frame for IRET */
	unsigned long ip;
	u16 cs, __csh;
	unsigned long flags;
	unsigned long sp;	/* sp and ss only from ring 3 */
	u16 ss, __ssh;
};
ASSERT_OFFSET(struct pt_regs, bx, PT_EBX);
ASSERT_OFFSET(struct pt_regs, cx, PT_ECX);
ASSERT_OFFSET(struct pt_regs, dx, PT_EDX);
ASSERT_OFFSET(struct pt_regs, si, PT_ESI);
ASSERT_OFFSET(struct pt_regs, di, PT_EDI);
ASSERT_OFFSET(struct pt_regs, bp, PT_EBP);
ASSERT_OFFSET(struct pt_regs, ax, PT_EAX);
ASSERT_OFFSET(struct pt_regs, ds, PT_DS);
ASSERT_OFFSET(struct pt_regs, es, PT_ES);
ASSERT_OFFSET(struct pt_regs, fs, PT_FS);
ASSERT_OFFSET(struct pt_regs, gs, PT_GS);
ASSERT_OFFSET(struct pt_regs, orig_ax, PT_ORIG_EAX);
ASSERT_OFFSET(struct pt_regs, ip, PT_EIP);
ASSERT_OFFSET(struct pt_regs, cs, PT_CS);
ASSERT_OFFSET(struct pt_regs, flags, PT_EFLAGS);
ASSERT_OFFSET(struct pt_regs, sp, PT_OLDESP);
ASSERT_OFFSET(struct pt_regs, ss, PT_OLDSS);
ASSERT_SIZE(struct pt_regs, SIZEOF_PTREGS);

/* The CPU's interrupt frame alone (the HW_* offsets), from another ring */
struct hw_frame {
	unsigned long ip;
	u16 cs, __csh;
	unsigned long flags;
	unsigned long sp;
	u16 ss, __ssh;
};
ASSERT_OFFSET(struct hw_frame, ip, HW_EIP);
ASSERT_OFFSET(struct hw_frame, cs, HW_CS);
ASSERT_OFFSET(struct hw_frame, flags, HW_EFLAGS);
ASSERT_OFFSET(struct hw_frame, sp, HW_ESP);
ASSERT_OFFSET(struct hw_frame, ss, HW_SS);
ASSERT_SIZE(struct hw_frame, SIZEOF_HW_FRAME);

/* A trap from ring 0 pushes no SS:ESP: the interrupted stack starts at ->sp. */
static inline unsigned long interrupted_sp(struct pt_regs *regs)
{
	return (regs->cs & 3) ? regs->sp : (unsigned long)&regs->sp;
}
#endif

#endif
