/* SPDX-License-Identifier: MIT */
/*
 * The nested tier's fixed parts (tiers/nested.c): the L1 Linux that runs
 * the bench kernel under a real KVM inside TCG, what it needs and where
 * its initramfs is cached.
 */
#ifndef EB_TIERS_NESTED_H
#define EB_TIERS_NESTED_H

#include <stddef.h>

/*
 * The outer QEMU's machine and memory.  pc, not microvm: Debian's
 * qemu_fw_cfg finds the fw_cfg device through ACPI only, and L1's
 * initramfs (QEMU and its libraries) wants room twice while it unpacks.
 */
#define EB_NESTED_L0_MACHINE	"pc"
#define EB_NESTED_L0_MEMORY	"512"

/*
 * L1's command line: the linux tier's determinism options (tiers/linux.h)
 * and nothing else; its console is a file of its own, never the channel
 * L2's records come through.
 */
#define EB_NESTED_L1_APPEND	EB_LINUX_BOOT_OPTIONS

/* The modules L1 loads, with their dependencies before them (NULL-terminated). */
extern const char *const eb_nested_modules[];

/* The firmware L2's QEMU loads: microvm's qboot, pc's SeaBIOS and option ROMs. */
extern const char *const eb_nested_firmware[];

/*
 * Where L1 initramfs images are cached by content hash:
 * $EB_NESTED_CACHE, else ${XDG_CACHE_HOME:-$HOME/.cache}/entrybench/nested.
 */
const char *eb_nested_cache_dir(char *buf, size_t size);

/* The cached kernel's lib/modules/<release> into buf; NULL if none. */
const char *eb_nested_module_dir(char *buf, size_t size);

/* The L1 /init this build made (nested-guest/), in buf. */
const char *eb_nested_init_path(char *buf, size_t size);

/* L1's probe runner beside it (EB_NESTED_L1_PROBES in the image), in buf. */
const char *eb_nested_probes_path(char *buf, size_t size);

#endif
