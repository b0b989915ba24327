/* SPDX-License-Identifier: MIT */
/*
 * The kernel the linux tier boots: --linux-kernel (a bzImage or a vmlinux)
 * or Debian's from the cache (tiers/linux.h), its release, SHA-256 and
 * Debian package, an optional System.map checked against it, and how QEMU
 * boots it (run/linux_image.h: the unpacked vmlinux through PVH, else the
 * bzImage).  What the results file records of it: environment.linux.
 */
#ifndef EB_LINUX_KERNEL_H
#define EB_LINUX_KERNEL_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "run/linux_image.h"

struct eb_linux_kernel {
	char path[PATH_MAX];		/* the kernel file, resolved */
	char package[256];		/* the cache's "<package> <version>", or "" */
	char sha256[65];		/* of the kernel file */
	char system_map[PATH_MAX];	/* "" without one */
	char map_note[256];		/* what was found in it */
	struct eb_linux_image img;	/* how it boots; img.release */
};

/*
 * Finds the kernel (kernel NULL: the cache's) and prepares its boot into
 * scratch (a private directory).  False with one line in err for what the
 * user must fix: no such file, not a kernel, a System.map of another build.
 */
bool eb_linux_kernel_prepare(const char *kernel, const char *system_map,
			     const char *scratch, struct eb_linux_kernel *k,
			     char *err, size_t size);

/*
 * Does the System.map text at map (len bytes) belong to a kernel whose PVH
 * entry is at the physical address entry (0: not known)?  True with note
 * saying what it found ("a stub: ..." for Debian's), false with why when
 * it is no System.map or another kernel's.
 */
bool eb_linux_map_check(const char *map, size_t len, unsigned long entry,
			char *note, size_t size);

/* environment.linux.kernel: what makes counts of two runs comparable. */
json_t *eb_linux_kernel_json(const struct eb_linux_kernel *k);

/* environment.linux.files: where it came from and how it booted. */
json_t *eb_linux_kernel_files(const struct eb_linux_kernel *k);

#endif
