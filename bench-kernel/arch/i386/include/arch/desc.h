/* GDT, TSS and IDT of the 32-bit kernel (desc.c). */
#ifndef ARCH_DESC_H
#define ARCH_DESC_H

/*
 * SYSENTER_ESP points at the TSS, the top of a small entry stack right below
 * it, so that entry code finds the task stack at TSS_sp0(%esp): the MSR then
 * never changes, whatever tss.sp0 does (Linux's TSS_entry2task_stack).
 */
#define TSS_sp0		4

#ifndef __ASSEMBLER__
#include "lib.h"

struct tss {
	u16 back_link, __blh;
	u32 sp0;		/* stack for entries from ring 3 */
	u16 ss0, __ss0h;
	u32 sp1;		/* the ring-1 PV kernel's stack (pv.h) */
	u16 ss1, __ss1h;
	u32 sp2;
	u16 ss2, __ss2h;
	u32 cr3, ip, flags, ax, cx, dx, bx, sp, bp, si, di;
	u16 es, __esh, cs, __csh, ss, __ssh, ds, __dsh, fs, __fsh, gs, __gsh;
	u16 ldt, __ldth;
	u16 trace;
	u16 io_bitmap_base;
} __attribute__((packed));
ASSERT_OFFSET(struct tss, sp0, TSS_sp0);
ASSERT_SIZE(struct tss, 104);

/*
 * The TSS and, right below it, the stack SYSENTER lands on: Linux's
 * cpu_entry_area in miniature.  Nothing is pushed there on the way in; it
 * only catches an NMI or #DB that strikes before the switch to the task stack.
 */
struct cpu_entry_area {
	unsigned long entry_stack[16];
	struct tss tss;
};

extern struct cpu_entry_area cpu_entry_area;

/* A 32-bit interrupt gate: IF is cleared on entry. */
void idt_set_gate(unsigned vector, void (*handler)(void), int dpl);
/* A trap gate to ring-1 code (__PV_KERNEL_CS): IF is left as it was. */
void idt_set_ring1_trap_gate(unsigned vector, void (*handler)(void), int dpl);
#endif

#endif
