/*
 * GDT layout, the same as Linux's on x86_64 (arch/x86/include/asm/segment.h),
 * because SYSCALL/SYSRET dictate it: SYSRET to 64-bit mode loads
 * CS = STAR[63:48] + 16 and SS = STAR[63:48] + 8, so USER32_CS, USER_DS and
 * USER_CS must be consecutive in that order.  Usable from C and assembly.
 */
#ifndef ARCH_SEGMENT_H
#define ARCH_SEGMENT_H

#define GDT_ENTRY_KERNEL32_CS	1
#define GDT_ENTRY_KERNEL_CS	2
#define GDT_ENTRY_KERNEL_DS	3
#define GDT_ENTRY_USER32_CS	4
#define GDT_ENTRY_USER_DS	5
#define GDT_ENTRY_USER_CS	6
#define GDT_ENTRY_SYSEXIT_SS	7	/* SYSEXITQ loads SS = SYSENTER_CS + 40 */
#define GDT_ENTRY_TSS		8	/* 16 bytes: entries 8 and 9 */
#define GDT_ENTRIES		10

#define __KERNEL32_CS		(GDT_ENTRY_KERNEL32_CS * 8)
#define __KERNEL_CS		(GDT_ENTRY_KERNEL_CS * 8)
#define __KERNEL_DS		(GDT_ENTRY_KERNEL_DS * 8)
#define __USER32_CS		(GDT_ENTRY_USER32_CS * 8 + 3)
#define __USER_DS		(GDT_ENTRY_USER_DS * 8 + 3)
#define __USER_CS		(GDT_ENTRY_USER_CS * 8 + 3)
#define __TSS			(GDT_ENTRY_TSS * 8)

/* IST slots (1-based, as in the IDT gate's IST field). */
#define IST_NMI			1
#define IST_DF			2
#define IST_TW_DB		7	/* nmi_torture.c's #DB stack */

/* Vector of the gate that ends a ring-3 job (see usermode.S). */
#define VEC_USER_EXIT		0xeb

#endif
