/*
 * The PVH ELF note: QEMU's -kernel loader (and Xen's) starts a kernel that
 * carries XEN_ELFNOTE_PHYS32_ENTRY at that address in 32-bit protected mode,
 * paging off, %ebx = struct hvm_start_info.  No firmware runs: this is why a
 * microvm boot takes tens of milliseconds under TCG.
 */
#define XEN_ELFNOTE_PHYS32_ENTRY	18

	.section .note.Xen, "a"
	.balign 4
	.long	2f - 1f			/* namesz */
	.long	4f - 3f			/* descsz */
	.long	XEN_ELFNOTE_PHYS32_ENTRY
1:	.asciz	"Xen"
2:	.balign 4
3:	.long	_start32
4:	.balign 4
