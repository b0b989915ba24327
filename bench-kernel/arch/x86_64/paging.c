/*
 * head.S mapped the low 4 GiB 1:1 with 2 MiB supervisor pages.  Here the user
 * region (user.h) becomes user-accessible, and the local APIC / IO-APIC page
 * uncached.  The U bit must be set at every level of the walk; the leaf
 * entries decide.
 */
#include "x86.h"

extern u64 boot_pml4[512], boot_pdpt[512], boot_pd[4 * 512];
extern char __user_start[], __user_end[];

#define APIC_BASE	0xfee00000ul	/* same 2 MiB page as the IO-APIC at 0xfec00000 */

void paging_init(void)
{
	boot_pml4[0] |= PTE_U;
	boot_pdpt[0] |= PTE_U;
	for (u64 a = (u64)__user_start; a < (u64)__user_end; a += 1ul << 21)
		boot_pd[a >> 21] |= PTE_U;
	boot_pd[APIC_BASE >> 21] |= PTE_PCD | PTE_PWT;
	write_cr3(read_cr3());
}
