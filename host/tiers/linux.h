/* SPDX-License-Identifier: MIT */
/*
 * The linux tier's fixed parts (tiers/linux.c): what makes every boot of a
 * real Linux kernel under TCG icount execute the same instructions, the
 * CPU models of its vendor dimension, and where Debian's kernel is cached.
 */
#ifndef EB_TIERS_LINUX_H
#define EB_TIERS_LINUX_H

#include <stddef.h>

/*
 * On every command line, before the column's own options: the console
 * for the tail an error shows, no KASLR (with it, hardened-usercopy checks
 * move some counts by 2 instructions between boots), a panic ends the VM
 * at once (-no-reboot), and no boot chatter to slow the serial port.
 */
#define EB_LINUX_BOOT_OPTIONS	"console=ttyS0 nokaslr panic=-1 quiet"

/*
 * The CPU-vendor dimension: TCG's `max` model without RDRAND/RDSEED
 * (random numbers would make the boots differ) reports AMD; with the Intel
 * vendor the kernel assumes Meltdown and turns PTI on by itself.
 */
struct eb_linux_cpu {
	const char *name;	/* as --linux-cpu takes it and columns say */
	const char *qemu_cpu;	/* QEMU's -cpu */
};
extern const struct eb_linux_cpu eb_linux_cpus[];
extern const size_t eb_linux_ncpus;
/* Their names, NULL-terminated: --linux-cpu's choices. */
extern const char *const eb_linux_cpu_names[];

/* The CPU of that name, or NULL. */
const struct eb_linux_cpu *eb_linux_cpu(const char *name);

/*
 * Where ci/linux-kernel.sh keeps Debian's kernel: $EB_LINUX_CACHE, else
 * ${XDG_CACHE_HOME:-$HOME/.cache}/entrybench/linux.  Returns buf.
 */
const char *eb_linux_cache_dir(char *buf, size_t size);

/* The command that fills the cache, for messages. */
#define EB_LINUX_FETCH	"ci/linux-kernel.sh"

#endif
