/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/array.h"
#include "lib/data_dirs.h"
#include "run/kernel_images.h"

/* The i386 guest runs on the same qemu-system-x86_64: the CPU starts both
 * kernels in 32-bit protected mode. */
const struct eb_image eb_images[] = {
	{
		.mode = "x86_64",
		.qemu = "qemu-system-x86_64",
		.pvh = "kernel-x86_64.pvh.elf",
		.multiboot = "kernel-x86_64.mb.elf",
	},
	{
		.mode = "i386",
		.qemu = "qemu-system-x86_64",
		.pvh = "kernel-i386.pvh.elf",
		.multiboot = "kernel-i386.mb.elf",
	},
};
const size_t eb_nimages = N_OF(eb_images);

static const struct {
	const char *name;
	const char *machine;
} boots[] = {
	/* microvm honours the PVH note and skips the BIOS: ~50 ms a boot. */
	{ .name = "pvh", .machine = "microvm,x-option-roms=off,rtc=off" },
	/* pc loads multiboot v1 through SeaBIOS: seconds a boot. */
	{ .name = "multiboot", .machine = "pc" },
};

const char *const eb_boot_names[] = { "pvh", "multiboot", NULL };
_Static_assert(N_OF(eb_boot_names) ==
	       N_OF(boots) + 1, "a --boot name per boot");

const char *eb_boot_machine(const char *boot)
{
	for (size_t i = 0; i < N_OF(boots); i++)
		if (strcmp(boots[i].name, boot) == 0)
			return boots[i].machine;
	return NULL;
}

bool eb_image_path(const struct eb_image *im, const char *boot,
		   const char *dir, char *path, size_t size)
{
	const char *file = strcmp(boot, "multiboot") == 0 ? im->multiboot : im->pvh;
	int n = snprintf(path, size, "%s/%s", dir, file);
	return n > 0 && (size_t)n < size && access(path, R_OK) == 0;
}

const char *eb_kernel_dir(const char *option)
{
	const char *env = getenv("ENTRYBENCH_KERNEL_DIR");
	return option ? option : env && *env ? env : eb_data_dir(EB_DATA_KERNELS);
}
