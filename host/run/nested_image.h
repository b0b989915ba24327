/* SPDX-License-Identifier: MIT */
/*
 * The nested tier's L1 initramfs: the project's L1 /init (nested-guest/),
 * the KVM modules of the L1 kernel with their dependencies, and this
 * host's QEMU with its shared libraries, its ELF interpreter and the
 * firmware L2's machines load, each at the path it has on the host so that
 * QEMU finds them as it does here.  An uncompressed newc cpio written with
 * libarchive (TCG would spend seconds inflating it), cached under the
 * SHA-256 of its contents: built once, found again on every run whose
 * inputs are the same bytes.
 */
#ifndef EB_NESTED_IMAGE_H
#define EB_NESTED_IMAGE_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

struct eb_nested_image {
	char path[PATH_MAX];		/* the cached initramfs */
	char sha256[65];		/* of its contents, as in its name */
	char qemu[PATH_MAX];		/* QEMU's path inside L1 (its realpath here) */
	char modules[1024];		/* the modules L1 loads, comma-separated */
	bool built;			/* made by this call, not found cached */
};

/*
 * The L1 initramfs for this QEMU binary, L1 /init and module directory
 * (lib/modules/<release> of the L1 kernel), from the cache or built into
 * it.  False with one line in err naming what is missing: a module or its
 * dependency, a library QEMU needs (ldd says "not found"), a firmware file,
 * or the cache directory that cannot be written.
 */
bool eb_nested_image_get(const char *qemu, const char *init, const char *moddir,
			 struct eb_nested_image *img, char *err, size_t size);

#endif
