/*
 * head.S mapped the low 4 GiB 1:1 with 2 MiB supervisor pages.  Here the user
 * region (user.h) becomes user-accessible, and the local APIC / IO-APIC page
 * uncached.  The U bit must be set at every level of the walk; the leaf
 * entries decide.  One 4 KiB page of the user region, user_hole, is left not
 * present for the page-fault variants (traps.h), so the 2 MiB page around it
 * is split into 4 KiB pages.
 */
#include "user.h"
#include "x86.h"
#include <arch/traps.h>

extern u64 boot_pml4[512], boot_pdpt[512], boot_pd[4 * 512];
extern char __user_start[], __user_end[];

#define APIC_BASE	0xfee00000ul	/* same 2 MiB page as the IO-APIC at 0xfec00000 */
#define LARGE_PAGE	(1ul << 21)

__user_data char user_hole[4096] __aligned(4096);
static u64 hole_pt[512] __aligned(4096);

static void split_around_hole(void)
{
	u64 base = (u64)user_hole & ~(LARGE_PAGE - 1);

	for (unsigned i = 0; i < 512; i++)
		hole_pt[i] = (base + i * 4096ul) | PTE_P | PTE_W | PTE_U;
	hole_pt[((u64)user_hole - base) / 4096] = 0;	/* not present */
	boot_pd[base >> 21] = (u64)hole_pt | PTE_P | PTE_W | PTE_U;
}

void paging_init(void)
{
	boot_pml4[0] |= PTE_U;
	boot_pdpt[0] |= PTE_U;
	for (u64 a = (u64)__user_start; a < (u64)__user_end; a += LARGE_PAGE)
		boot_pd[a >> 21] |= PTE_U;
	split_around_hole();
	boot_pd[APIC_BASE >> 21] |= PTE_PCD | PTE_PWT;
	write_cr3(read_cr3());
}
