/* SPDX-License-Identifier: MIT */
/*
 * Kernel files for the linux tier: is it a bzImage, an ELF vmlinux or
 * neither, and the vmlinux inside a bzImage, unpacked with the library of
 * its compression (liblzma, zlib, libzstd), for QEMU's PVH boot.  That
 * boot skips the firmware and the kernel's own decompressor (seconds under
 * TCG), but needs the PVH entry note (XEN_ELFNOTE_PHYS32_ENTRY, CONFIG_PVH);
 * without it the bzImage boots through the firmware.
 */
#ifndef EB_LINUX_IMAGE_H
#define EB_LINUX_IMAGE_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Xen's ELF note type for the 32-bit physical entry point QEMU's PVH loader reads. */
#define EB_XEN_ELFNOTE_PHYS32_ENTRY	18

/* Larger inputs or outputs than this are refused: no kernel is that big. */
#define EB_LINUX_IMAGE_MAX	(1ul << 30)

enum eb_elf_pvh {
	EB_ELF_INVALID,			/* not a well-formed little-endian ELF */
	EB_ELF_NO_PVH,			/* an ELF without the note */
	EB_ELF_PVH,			/* an ELF QEMU can boot through PVH */
};

/* Does the ELF at elf carry a Xen PHYS32_ENTRY note?  *entry gets its address. */
enum eb_elf_pvh eb_elf_pvh(const uint8_t *elf, size_t len, uint32_t *entry);

/* The compressed kernel inside a bzImage (Documentation/x86/boot.rst). */
struct eb_bzimage {
	uint16_t version;		/* boot protocol, e.g. 0x020f */
	const uint8_t *payload;		/* the compressed vmlinux, size field included */
	size_t payload_len;
	const char *compression;	/* "xz", "gzip", "zstd", ... (by magic) */
};

/*
 * 1: a bzImage with a payload (b filled); 0: a bzImage too old to say
 * where its payload is (protocol < 2.08; why says so); -1: not a bzImage
 * or a damaged one (why says what is wrong).
 */
int eb_bzimage_parse(const uint8_t *img, size_t len, struct eb_bzimage *b,
		     char *why, size_t size);

/*
 * The payload unpacked into *out (malloc'd, *outlen bytes, exactly the size
 * the image's trailing size field gives).  false with why when the
 * compression is one this build does not unpack or the data is damaged.
 */
bool eb_bzimage_unpack(const struct eb_bzimage *b, uint8_t **out, size_t *outlen,
		       char *why, size_t size);

enum eb_linux_boot {
	EB_LINUX_BAD,			/* not a kernel QEMU can boot: why says */
	EB_LINUX_PVH,			/* boot `path` through its PVH note */
	EB_LINUX_BZIMAGE,		/* boot the bzImage itself: why says why not PVH */
};

struct eb_linux_image {
	enum eb_linux_boot boot;
	char path[PATH_MAX];		/* the file to give QEMU's -kernel */
	char why[512];
	char release[65];		/* eb_linux_release() of the file, or "" */
	uint32_t pvh_entry;		/* EB_LINUX_PVH: the note's entry address */
};

/*
 * The kernel's release (uname -r) as the file itself says it: a bzImage's
 * kernel_version string (boot protocol 2.00+), else the first word after
 * "Linux version " (linux_banner, in every vmlinux).  False when neither
 * is there.
 */
bool eb_linux_release(const uint8_t *img, size_t len, char *out, size_t size);

/*
 * How to boot the kernel file at kernel.  An ELF is booted as it is; a
 * bzImage's vmlinux is unpacked into vmlinux_out (written atomically) when
 * it carries the PVH note, else the bzImage is booted.  img->release is
 * filled whatever the verdict.
 */
void eb_linux_image_prepare(const char *kernel, const char *vmlinux_out,
			    struct eb_linux_image *img);

#endif
