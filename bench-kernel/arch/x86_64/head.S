/*
 * 32-bit entry from either loader (boot/), into 64-bit mode, into kmain().
 *
 * In: protected mode, flat segments, paging off, interrupts off,
 * %eax = loader magic, %ebx = loader info.  Builds an identity map of the
 * low 4 GiB with 2 MiB pages (paging.c refines it), enables long mode and
 * calls kmain(magic, info) on the boot stack.
 */
#include <processor-flags.h>
#include <arch/segment.h>

	.code32
	.section .head.text, "ax"
	.globl	_start32
_start32:
	cli
	cld
	movl	%eax, %esi		/* kept for kmain(): survives to 64-bit */
	movl	%ebx, %ebp

	/* .bss holds the page tables: it must be zero before they are built */
	movl	$__bss_start, %edi
	movl	$__bss_end, %ecx
	subl	%edi, %ecx
	xorl	%eax, %eax
	rep stosb

	movl	$boot_stack_top, %esp

	/* boot_pd[i] maps 2 MiB page i: 2048 entries cover 4 GiB */
	xorl	%ecx, %ecx
1:	movl	%ecx, %eax
	shll	$21, %eax
	orl	$(PTE_P | PTE_W | PTE_PS), %eax
	movl	%eax, boot_pd(, %ecx, 8)
	movl	%ecx, %eax
	shrl	$11, %eax
	movl	%eax, boot_pd + 4(, %ecx, 8)
	incl	%ecx
	cmpl	$2048, %ecx
	jb	1b

	movl	$(boot_pd + 0x0000 + PTE_P + PTE_W), boot_pdpt + 0
	movl	$(boot_pd + 0x1000 + PTE_P + PTE_W), boot_pdpt + 8
	movl	$(boot_pd + 0x2000 + PTE_P + PTE_W), boot_pdpt + 16
	movl	$(boot_pd + 0x3000 + PTE_P + PTE_W), boot_pdpt + 24
	movl	$(boot_pdpt + PTE_P + PTE_W), boot_pml4

	/* The SDM's order: PAE, CR3, EFER.LME, then paging activates long mode */
	movl	%cr4, %eax
	orl	$CR4_PAE, %eax
	movl	%eax, %cr4
	movl	$boot_pml4, %eax
	movl	%eax, %cr3
	movl	$MSR_EFER, %ecx
	rdmsr
	orl	$EFER_LME, %eax
	wrmsr
	movl	%cr0, %eax
	orl	$(CR0_PG | CR0_WP | CR0_PE), %eax
	movl	%eax, %cr0

	/* Compatibility mode until CS holds a 64-bit code segment */
	lgdt	boot_gdt_desc
	ljmp	$__KERNEL_CS, $start64

	.code64
start64:
	movl	$__KERNEL_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	xorl	%eax, %eax
	movl	%eax, %fs
	movl	%eax, %gs
	movq	$boot_stack_top, %rsp
	movl	%esi, %edi		/* kmain(magic, info) */
	movl	%ebp, %esi
	call	kmain
2:	cli
	hlt
	jmp	2b

	.section .rodata
	.balign 8
/* Only what the switch needs; desc.c installs the real GDT. */
boot_gdt:
	.quad	0
	.quad	0x00cf9b000000ffff	/* __KERNEL32_CS */
	.quad	0x00af9b000000ffff	/* __KERNEL_CS: L=1 */
	.quad	0x00cf93000000ffff	/* __KERNEL_DS */
boot_gdt_desc:
	.word	boot_gdt_desc - boot_gdt - 1
	.long	boot_gdt

	.section .bss, "aw", @nobits
	.balign 4096
	.globl	boot_pml4, boot_pdpt, boot_pd
boot_pml4:
	.skip	4096
boot_pdpt:
	.skip	4096
boot_pd:
	.skip	4 * 4096
	.balign 16
boot_stack:
	.skip	16384
boot_stack_top:
