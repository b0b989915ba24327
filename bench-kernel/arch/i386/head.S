/*
 * 32-bit entry from either loader (boot/), paging on, into kmain().
 *
 * In: protected mode, flat segments, paging off, interrupts off,
 * %eax = loader magic, %ebx = loader info.  Identity-maps all 4 GiB with
 * 4 MiB PSE pages (paging.c refines it) and calls kmain(magic, info) on the
 * boot stack; desc.c installs the real GDT later, the loader's flat
 * segments serve until then.
 *
 * Why PSE and not PAE: one 4 KiB page directory maps everything, the walk
 * has one level, and there is no PDPT for the CPU to cache at CR3 load.
 * PAE would buy NX and memory above 4 GiB, which no variant needs; the
 * entry paths under test do not touch paging either way.
 */
#include <processor-flags.h>

#define PGDIR_SHIFT	22		/* a directory entry maps 4 MiB */

	.section .head.text, "ax"
	.globl	_start32
_start32:
	cli
	cld
	movl	%eax, %esi		/* kmain()'s arguments, kept in */
	movl	%ebx, %ebp		/* registers until the stack is ready */

	/* .bss holds the page directory: it must be zero before it is built */
	movl	$__bss_start, %edi
	movl	$__bss_end, %ecx
	subl	%edi, %ecx
	xorl	%eax, %eax
	rep stosb

	movl	$boot_stack_top, %esp

	/* boot_pd[i] maps 4 MiB page i: 1024 entries cover 4 GiB */
	xorl	%ecx, %ecx
1:	movl	%ecx, %eax
	shll	$PGDIR_SHIFT, %eax
	orl	$(PTE_P | PTE_W | PTE_PS), %eax
	movl	%eax, boot_pd(, %ecx, 4)
	incl	%ecx
	cmpl	$1024, %ecx
	jb	1b

	/* PS in a directory entry means 4 MiB only once CR4.PSE is set */
	movl	%cr4, %eax
	orl	$CR4_PSE, %eax
	movl	%eax, %cr4
	movl	$boot_pd, %eax
	movl	%eax, %cr3
	movl	%cr0, %eax
	orl	$(CR0_PG | CR0_WP | CR0_PE), %eax
	movl	%eax, %cr0

	pushl	%ebp			/* kmain(magic, info) */
	pushl	%esi
	call	kmain
2:	cli
	hlt
	jmp	2b

	.section .bss, "aw", @nobits
	.balign 4096
	.globl	boot_pd
boot_pd:
	.skip	4096
	.balign 16
boot_stack:
	.skip	16384
boot_stack_top:
