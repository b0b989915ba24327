/*
 * Descriptor tables of the 32-bit kernel: the GDT (layout fixed by
 * SYSENTER/SYSEXIT, see segment.h), the TSS with the entry stack below it
 * (desc.h), and the IDT.
 */
#include "lib.h"
#include "x86.h"
#include <arch/desc.h>
#include <arch/segment.h>

#define STACK_SIZE	16384

static u8 task_stack[STACK_SIZE] __aligned(16);		/* tss.sp0 */

struct cpu_entry_area cpu_entry_area __aligned(16);

static u64 gdt[GDT_ENTRIES] __aligned(16) = {
	[GDT_ENTRY_KERNEL_CS]		= 0x00cf9b000000ffff,	/* 4 GiB flat, D=1, DPL 0 */
	[GDT_ENTRY_KERNEL_DS]		= 0x00cf93000000ffff,
	[GDT_ENTRY_DEFAULT_USER_CS]	= 0x00cffb000000ffff,	/* DPL 3 */
	[GDT_ENTRY_DEFAULT_USER_DS]	= 0x00cff3000000ffff,
	[GDT_ENTRY_PV_KERNEL_CS]	= 0x00cfbb000000ffff,	/* DPL 1 */
	[GDT_ENTRY_PV_KERNEL_DS]	= 0x00cfb3000000ffff,
	/* GDT_ENTRY_TSS is filled in at run time: it holds an address */
};

struct gate {
	u16 offset_low;
	u16 selector;
	u8 reserved;
	u8 type;		/* P, DPL, 0xe = interrupt gate, 0xf = trap gate */
	u16 offset_high;
} __attribute__((packed));

static struct gate idt[256] __aligned(16);

struct desc_ptr {
	u16 limit;
	u32 base;
} __attribute__((packed));

void idt_set_gate(unsigned vector, void (*handler)(void), int dpl)
{
	u32 addr = (u32)handler;

	idt[vector] = (struct gate){
		.offset_low = (u16)addr,
		.selector = __KERNEL_CS,
		.type = (u8)(0x80 | dpl << 5 | 0xe),
		.offset_high = (u16)(addr >> 16),
	};
}

/*
 * A trap gate into the ring-1 PV kernel (pv.h): the CPU switches to
 * tss.ss1:sp1 and leaves IF alone, as Xen's 32-bit fast trap for int 0x80
 * does (the PV kernel's interrupt mask is virtual, not EFLAGS.IF).
 */
void idt_set_ring1_trap_gate(unsigned vector, void (*handler)(void), int dpl)
{
	u32 addr = (u32)handler;

	idt[vector] = (struct gate){
		.offset_low = (u16)addr,
		.selector = __PV_KERNEL_CS,
		.type = (u8)(0x80 | dpl << 5 | 0xf),
		.offset_high = (u16)(addr >> 16),
	};
}

/* Every vector not present: arch_reset_entries() then installs the defaults. */
void idt_reset(void)
{
	memset(idt, 0, sizeof(idt));
}

static void set_tss_descriptor(void)
{
	u64 base = (u32)&cpu_entry_area.tss, limit = sizeof(struct tss) - 1;

	gdt[GDT_ENTRY_TSS] = (limit & 0xffff) | (base & 0xffffff) << 16 |
			     0x89ull << 40 |		/* P, type 9: available 32-bit TSS */
			     ((limit >> 16) & 0xf) << 48 | ((base >> 24) & 0xff) << 56;
}

/* A far jump reloads CS; the data segments follow the Linux split of segment.h. */
static void load_gdt(void)
{
	struct desc_ptr p = { .limit = sizeof(gdt) - 1, .base = (u32)gdt };

	asm volatile("lgdt %0\n\t"
		     "ljmp %1, $1f\n"
		     "1:\n\t"
		     "movl %2, %%eax\n\t"
		     "movl %%eax, %%ss\n\t"
		     "movl %3, %%eax\n\t"
		     "movl %%eax, %%ds\n\t"
		     "movl %%eax, %%es\n\t"
		     "xorl %%eax, %%eax\n\t"
		     "movl %%eax, %%fs\n\t"
		     "movl %%eax, %%gs\n\t"
		     : : "m"(p), "i"(__KERNEL_CS), "i"(__KERNEL_DS), "i"(__USER_DS)
		     : "eax", "memory");
	asm volatile("ltr %w0" : : "r"(__TSS));
}

void desc_init(void)
{
	struct desc_ptr p = { .limit = sizeof(idt) - 1, .base = (u32)idt };
	struct tss *tss = &cpu_entry_area.tss;

	tss->sp0 = (u32)(task_stack + STACK_SIZE);
	tss->ss0 = __KERNEL_DS;
	tss->io_bitmap_base = sizeof(*tss);	/* none: every port faults in ring 3 */
	set_tss_descriptor();
	load_gdt();
	asm volatile("lidt %0" : : "m"(p));

	/* Constant: the entry finds tss.sp0 through it (desc.h). */
	wrmsr(MSR_IA32_SYSENTER_ESP, (u32)tss);
}
