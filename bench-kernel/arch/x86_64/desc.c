/*
 * Descriptor tables of the 64-bit kernel: the GDT (layout fixed by
 * SYSCALL/SYSRET, see segment.h), one TSS with its IST stacks, and the IDT.
 */
#include "lib.h"
#include "x86.h"
#include <arch/desc.h>
#include <arch/percpu.h>
#include <arch/segment.h>

#define STACK_SIZE	16384

static u8 task_stack[STACK_SIZE] __aligned(16);		/* tss.sp[0] */
static u8 nmi_stack[STACK_SIZE] __aligned(16);		/* IST_NMI */
static u8 df_stack[STACK_SIZE] __aligned(16);		/* IST_DF */

struct tss tss __aligned(16);
struct percpu percpu;

static u64 gdt[GDT_ENTRIES] __aligned(16) = {
	[GDT_ENTRY_KERNEL32_CS]	= 0x00cf9b000000ffff,	/* D=1 */
	[GDT_ENTRY_KERNEL_CS]	= 0x00af9b000000ffff,	/* L=1, DPL 0 */
	[GDT_ENTRY_KERNEL_DS]	= 0x00cf93000000ffff,
	[GDT_ENTRY_USER32_CS]	= 0x00cffb000000ffff,	/* DPL 3 */
	[GDT_ENTRY_USER_DS]	= 0x00cff3000000ffff,
	[GDT_ENTRY_USER_CS]	= 0x00affb000000ffff,
	[GDT_ENTRY_SYSEXIT_SS]	= 0x00cff3000000ffff,	/* user data, for SYSEXITQ */
	/* GDT_ENTRY_TSS is filled in at run time: it holds an address */
};

struct gate {
	u16 offset_low;
	u16 selector;
	u8 ist;
	u8 type;		/* P, DPL, 0xe = 64-bit interrupt gate */
	u16 offset_mid;
	u32 offset_high;
	u32 reserved;
} __attribute__((packed));

static struct gate idt[256] __aligned(16);

struct desc_ptr {
	u16 limit;
	u64 base;
} __attribute__((packed));

void idt_set_gate(unsigned vector, void (*handler)(void), int dpl, int ist)
{
	u64 addr = (u64)handler;

	idt[vector] = (struct gate){
		.offset_low = (u16)addr,
		.selector = __KERNEL_CS,
		.ist = (u8)ist,
		.type = (u8)(0x80 | dpl << 5 | 0xe),
		.offset_mid = (u16)(addr >> 16),
		.offset_high = (u32)(addr >> 32),
	};
}

/* Every vector not present: arch_reset_entries() then installs the defaults. */
void idt_reset(void)
{
	memset(idt, 0, sizeof(idt));
}

static void set_tss_descriptor(void)
{
	u64 base = (u64)&tss, limit = sizeof(tss) - 1;

	gdt[GDT_ENTRY_TSS] = (limit & 0xffff) | (base & 0xffffff) << 16 |
			     0x89ull << 40 |		/* P, type 9: available 64-bit TSS */
			     ((limit >> 16) & 0xf) << 48 | ((base >> 24) & 0xff) << 56;
	gdt[GDT_ENTRY_TSS + 1] = base >> 32;
}

/* A far return is the only way to reload CS in 64-bit mode. */
static void load_gdt(void)
{
	struct desc_ptr p = { .limit = sizeof(gdt) - 1, .base = (u64)gdt };

	asm volatile("lgdt %0\n\t"
		     "pushq %1\n\t"
		     "leaq 1f(%%rip), %%rax\n\t"
		     "pushq %%rax\n\t"
		     "lretq\n"
		     "1:\n\t"
		     "movl %2, %%eax\n\t"
		     "movl %%eax, %%ss\n\t"
		     "movl %%eax, %%ds\n\t"
		     "movl %%eax, %%es\n\t"
		     : : "m"(p), "i"(__KERNEL_CS), "i"(__KERNEL_DS) : "rax", "memory");
	asm volatile("ltr %w0" : : "r"(__TSS));
}

void desc_init(void)
{
	struct desc_ptr p = { .limit = sizeof(idt) - 1, .base = (u64)idt };

	tss.sp[0] = (u64)(task_stack + STACK_SIZE);
	tss.ist[IST_NMI - 1] = (u64)(nmi_stack + STACK_SIZE);
	tss.ist[IST_DF - 1] = (u64)(df_stack + STACK_SIZE);
	tss.io_bitmap_base = sizeof(tss);	/* none: every port faults in ring 3 */
	set_tss_descriptor();
	load_gdt();
	asm volatile("lidt %0" : : "m"(p));

	/*
	 * Kernel GS while in ring 0; usermode.S swaps it out (SWAPGS) around
	 * ring 3 so that entry code arriving from user mode must swap it in.
	 */
	percpu.top_of_stack = tss.sp[0];
	wrmsr(MSR_GS_BASE, (u64)&percpu);
	wrmsr(MSR_KERNEL_GS_BASE, 0);
}
