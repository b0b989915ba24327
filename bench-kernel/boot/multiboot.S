/*
 * Multiboot v1 header, linked only into the -M pc image: QEMU's loader picks
 * multiboot over PVH whenever this header is present, so the two boot paths
 * get separate images.  It must lie in the first 8 KiB of the file, hence its
 * own section placed first by the linker script.  No flags: QEMU loads the
 * ELF segments itself and enters _start32 (the ELF entry) with
 * %eax = 0x2badb002, %ebx = multiboot info.
 */
#define MULTIBOOT_MAGIC		0x1badb002
#define MULTIBOOT_FLAGS		0

	.section .multiboot, "a"
	.balign 4
	.long	MULTIBOOT_MAGIC
	.long	MULTIBOOT_FLAGS
	.long	-(MULTIBOOT_MAGIC + MULTIBOOT_FLAGS)
