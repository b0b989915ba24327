/* SPDX-License-Identifier: MIT */
/*
 * Where entrybench finds what it did not compile in: the bench kernel's
 * images, the linux tier's initramfs, the gnuplot scripts.  An installed
 * entrybench (`cmake --install build --prefix P`, P/bin/entrybench) takes
 * them relative to its own prefix, found from /proc/self/exe, so that a
 * prefix can be moved or copied whole; an entrybench run from its build
 * tree takes the build's.  --kernel-dir and $ENTRYBENCH_KERNEL_DIR still
 * come first (run/kernel_images.h).
 */
#ifndef EB_DATA_DIRS_H
#define EB_DATA_DIRS_H

enum eb_data {
	EB_DATA_KERNELS,	/* kernel-<mode>.{pvh,mb}.elf, build-info.json */
	EB_DATA_LINUX_GUEST,	/* initramfs.cpio.gz */
	EB_DATA_PLOTS,		/* <kind>.gp, common.gp */
	EB_DATA_XRAY,		/* xray-plugin.so, the x-ray's TCG plugin */
};

/*
 * The directory of `what`: P/<its install dir> when this executable is
 * P/<bindir>/entrybench and that directory exists, else the build tree's.
 */
const char *eb_data_dir(enum eb_data what);

/* The prefix this executable is installed in; NULL when it is not. */
const char *eb_install_prefix(void);

#endif
