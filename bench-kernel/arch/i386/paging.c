/*
 * head.S mapped the whole 4 GiB 1:1 with 4 MiB supervisor pages.  Here the
 * user region (user.h) becomes user-accessible, and the local APIC / IO-APIC
 * page uncached.  With one level of tables the directory entry decides both.
 */
#include "x86.h"

extern u32 boot_pd[1024];
extern char __user_start[], __user_end[];

#define PGDIR_SHIFT	22
#define APIC_BASE	0xfee00000ul	/* same 4 MiB page as the IO-APIC at 0xfec00000 */

void paging_init(void)
{
	for (unsigned long a = (unsigned long)__user_start; a < (unsigned long)__user_end;
	     a += 1ul << PGDIR_SHIFT)
		boot_pd[a >> PGDIR_SHIFT] |= PTE_U;
	boot_pd[APIC_BASE >> PGDIR_SHIFT] |= PTE_PCD | PTE_PWT;
	write_cr3(read_cr3());
}
