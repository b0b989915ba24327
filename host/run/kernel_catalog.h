/* SPDX-License-Identifier: MIT */
/*
 * The catalog: every kernel image present in the kernel dir, booted once
 * with `eb.list` to learn the variants it carries.  Listing is a
 * description, not a measurement, so it always runs under TCG.
 */
#ifndef EB_CATALOG_H
#define EB_CATALOG_H

#include <stdbool.h>

#include "run/kernel_images.h"
#include "run/qemu.h"

struct eb_catalog_entry {
	const struct eb_image *image;
	char qemu[4096];	/* resolved QEMU binary */
	char path[4096];	/* kernel image */
	struct eb_boot list;	/* the eb.list boot */
};

struct eb_catalog {
	size_t n;
	struct eb_catalog_entry *e;
};

/*
 * Returns EB_EXIT_OK, or an exit status with the reason already printed:
 * EB_EXIT_BADUSAGE for a missing QEMU or no image, EB_EXIT_FAILED for an
 * image whose list boot failed.
 */
int eb_catalog_load(struct eb_catalog *c, const char *qemu, const char *dir,
		    const char *boot, double timeout_s, bool verbose);
void eb_catalog_free(struct eb_catalog *c);

#endif
