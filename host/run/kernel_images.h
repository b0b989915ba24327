/* SPDX-License-Identifier: MIT */
/*
 * Guest kernel images and the ways to boot them.  Data only: a new guest
 * mode or boot protocol is a new table row.
 */
#ifndef EB_IMAGE_H
#define EB_IMAGE_H

#include <stdbool.h>
#include <stddef.h>

struct eb_image {
	const char *mode;		/* as the guest's hello says */
	const char *qemu;		/* default QEMU binary */
	const char *pvh;		/* file names inside the kernel dir */
	const char *multiboot;
};

extern const struct eb_image eb_images[];
extern const size_t eb_nimages;

/* The boot protocols' names, NULL-terminated: --boot's choices. */
extern const char *const eb_boot_names[];

/* QEMU -M argument for a boot protocol; NULL if the name is unknown. */
const char *eb_boot_machine(const char *boot);

/* Fills path; false if the image for that boot is not in dir. */
bool eb_image_path(const struct eb_image *im, const char *boot,
		   const char *dir, char *path, size_t size);

/*
 * The kernel dir: --kernel-dir, else $ENTRYBENCH_KERNEL_DIR, else the
 * installation's or the build's (lib/data_dirs.h).
 */
const char *eb_kernel_dir(const char *option);

#endif
