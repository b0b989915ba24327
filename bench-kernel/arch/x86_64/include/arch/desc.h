/* GDT, TSS and IDT of the 64-bit kernel (desc.c). */
#ifndef ARCH_DESC_H
#define ARCH_DESC_H

#include "types.h"

struct tss {
	u32 reserved0;
	u64 sp[3];		/* sp[0]: stack for entries from ring 3 */
	u64 reserved1;
	u64 ist[7];		/* ist[n - 1] is IST slot n */
	u64 reserved2;
	u16 reserved3;
	u16 io_bitmap_base;
} __attribute__((packed));

extern struct tss tss;

/* An interrupt gate (IF cleared on entry); ist 0 means no stack switch. */
void idt_set_gate(unsigned vector, void (*handler)(void), int dpl, int ist);

#endif
