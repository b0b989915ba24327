/*
 * GDT layout, Linux's for i386 (arch/x86/include/asm/segment.h), because
 * SYSENTER/SYSEXIT dictate it: SYSENTER loads CS = SYSENTER_CS and
 * SS = SYSENTER_CS + 8, SYSEXIT loads CS = SYSENTER_CS + 16 and
 * SS = SYSENTER_CS + 24 (RPL 3), so KERNEL_CS, KERNEL_DS, USER_CS and USER_DS
 * must be consecutive in that order.  Entries 1-11 (Linux: TLS, PnP BIOS,
 * APM) stay empty here.  Usable from C and assembly.
 */
#ifndef ARCH_SEGMENT_H
#define ARCH_SEGMENT_H

#define GDT_ENTRY_KERNEL_CS		12
#define GDT_ENTRY_KERNEL_DS		13
#define GDT_ENTRY_DEFAULT_USER_CS	14
#define GDT_ENTRY_DEFAULT_USER_DS	15
#define GDT_ENTRY_TSS			16
#define GDT_ENTRY_PV_KERNEL_CS		17	/* ring 1: the PV kernel (pv.h) */
#define GDT_ENTRY_PV_KERNEL_DS		18
#define GDT_ENTRIES			19

#define __KERNEL_CS		(GDT_ENTRY_KERNEL_CS * 8)		/* 0x60 */
#define __KERNEL_DS		(GDT_ENTRY_KERNEL_DS * 8)		/* 0x68 */
#define __USER_CS		(GDT_ENTRY_DEFAULT_USER_CS * 8 + 3)	/* 0x73 */
#define __USER_DS		(GDT_ENTRY_DEFAULT_USER_DS * 8 + 3)	/* 0x7b */
#define __TSS			(GDT_ENTRY_TSS * 8)
#define __PV_KERNEL_CS		(GDT_ENTRY_PV_KERNEL_CS * 8 + 1)	/* 0x89, Xen's FLAT_RING1_CS */
#define __PV_KERNEL_DS		(GDT_ENTRY_PV_KERNEL_DS * 8 + 1)	/* 0x91, Xen's FLAT_RING1_DS */

/*
 * As in Linux, %ds and %es hold __USER_DS in the kernel as well (a flat
 * DPL-3 data segment is usable at CPL 0), so the IRET to user mode never
 * has to reload them; only %ss must be the DPL-0 __KERNEL_DS.
 */

/* Vector of the gate that ends a ring-3 job (see usermode.S). */
#define VEC_USER_EXIT		0xeb

/* Xen's 32-bit hypercall vector: a DPL-1 gate, only the PV kernel may call (pv.h). */
#define VEC_HYPERCALL		0x82

#endif
