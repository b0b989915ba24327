/* Instruction wrappers for C, valid in 32- and 64-bit mode alike. */
#ifndef EB_X86_H
#define EB_X86_H

#include "processor-flags.h"
#include "types.h"

static inline void outb(u16 port, u8 v)
{
	asm volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

/*
 * Checked trips run ring 3 with IF set (harness.c), the NMI designs' and
 * sysenter-sti-32's ring 0 and 3 too, and on -M pc SeaBIOS leaves the PIT
 * ticking through the 8259 (IRQ 0 at its real-mode vector 8, which would
 * look like #DF): mask every legacy IRQ.  The IO-APIC's entries are masked
 * from reset and the local APIC timer is never started, so no interrupt
 * arrives that a variant did not send itself.
 */
#define PIC_MASTER_IMR	0x21
#define PIC_SLAVE_IMR	0xa1

static inline void mask_legacy_pic(void)
{
	outb(PIC_MASTER_IMR, 0xff);
	outb(PIC_SLAVE_IMR, 0xff);
}

static inline u64 rdmsr(u32 msr)
{
	u32 lo, hi;

	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return (u64)hi << 32 | lo;
}

static inline void wrmsr(u32 msr, u64 v)
{
	asm volatile("wrmsr" : : "c"(msr), "a"((u32)v), "d"((u32)(v >> 32)) : "memory");
}

static inline void cpuid(u32 leaf, u32 *a, u32 *b, u32 *c, u32 *d)
{
	asm volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(leaf), "c"(0));
}

static inline unsigned long read_cr2(void)
{
	unsigned long v;

	asm volatile("mov %%cr2, %0" : "=r"(v));
	return v;
}

static inline unsigned long read_cr3(void)
{
	unsigned long v;

	asm volatile("mov %%cr3, %0" : "=r"(v));
	return v;
}

static inline void write_cr3(unsigned long v)
{
	asm volatile("mov %0, %%cr3" : : "r"(v) : "memory");
}

/*
 * Serialised TSC reads for the start and the end of a timed region: LFENCE
 * before RDTSC waits for earlier instructions, LFENCE after keeps later ones
 * from starting early; RDTSCP at the end waits for the region to retire.
 */
static inline u64 tsc_begin(void)
{
	u32 lo, hi;

	asm volatile("lfence; rdtsc; lfence" : "=a"(lo), "=d"(hi) : : "memory");
	return (u64)hi << 32 | lo;
}

static inline u64 tsc_end(void)
{
	u32 lo, hi;

	asm volatile("rdtscp; lfence" : "=a"(lo), "=d"(hi) : : "ecx", "memory");
	return (u64)hi << 32 | lo;
}

static inline __noreturn void halt_forever(void)
{
	for (;;)
		asm volatile("cli; hlt");
}

#endif
