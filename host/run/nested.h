/* SPDX-License-Identifier: MIT */
/*
 * The nested tier's boots (tiers/nested.c): the L1 kernel and initramfs,
 * and for each kernel image the outer QEMU's argv that runs the bench
 * kernel as L2 with the kvm tier's argv inside L1.  run's boot loop boots
 * that argv like any other (run/boot_loop.c): L1's /init passes L2's
 * records and exit code through unchanged, so the verdict and the figures
 * come from the same parser; what L1 said on its own console is added to
 * the reason of a boot that did not pass.
 */
#ifndef EB_NESTED_H
#define EB_NESTED_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "run/qemu.h"

struct eb_nested;

/* Slots 0..3 are the images' boots, 4..7 their counting boots. */
#define EB_NESTED_COUNT_SLOT(slot)	((slot) + 4)

/*
 * The L1 kernel unpacked for PVH into a private directory, and the L1
 * initramfs for QEMU qemu (from the cache, or built now: verbose says
 * which).  The kernel is kernel (--linux-kernel) with the modules of
 * modules (--linux-modules, its lib/modules/<release>), or when that is
 * NULL the lib/modules/<release> beside kernel or one level up (as the
 * linux tier's cache and a root file system lay it out); with kernel NULL
 * the linux tier's cached kernel with its own.  NULL with one line in err
 * for what the user must fix; nothing has booted.
 */
struct eb_nested *eb_nested_start(const char *qemu, const char *kernel,
				  const char *modules, bool verbose, char *err,
				  size_t size);

/* The QEMU binary as L1 runs it: argv[0] of the L2 argv. */
const char *eb_nested_l2_qemu(const struct eb_nested *n);

/*
 * The outer argv (into argv) that boots image (slot: its place in the
 * catalog) as L2 with l2argv in L1; the strings live in n.  False with
 * err when the L2 argv cannot be written for fw_cfg.
 */
bool eb_nested_wrap(struct eb_nested *n, size_t slot, const char *qemu,
		    const char *image, const char *const l2argv[],
		    const char *argv[EB_QEMU_MAXARGS], char *err, size_t size);

/* For the x-ray: L1's kernel as it boots (a vmlinux) and slot's L1 console file. */
const char *eb_nested_l1_vmlinux(const struct eb_nested *n);
const char *eb_nested_console(const struct eb_nested *n, size_t slot);
/*
 * run --inject-nmi: L1's /init injects the NMIs into L2 (an NMI of the
 * outer QEMU would be L1's).  Every outer argv wrapped after this has the
 * slot's plan file (fw_cfg EB_NESTED_FWCFG_NMI) and L1's log console
 * (a file); run/nested_inject.h writes the one and reads the other.
 */
void eb_nested_inject(struct eb_nested *n);
const char *eb_nested_nmi_plan(const struct eb_nested *n, size_t slot);
const char *eb_nested_nmi_log(const struct eb_nested *n, size_t slot);

/*
 * A counting boot's outer argv (run --counters), in files of its own beside
 * slot's (EB_NESTED_COUNT_SLOT: its slot for eb_nested_explain()): L1 runs L2 with each of
 * l2argvs[0..nruns) in turn and counts events on each run (protocol.h,
 * EB_NESTED_FWCFG_COUNT); L1 speaks the protocol itself, l2run and count
 * records (run/nested_counters.c reads them).
 */
bool eb_nested_wrap_count(struct eb_nested *n, size_t slot, const char *qemu,
			  const char *image, const char *const *const l2argvs[],
			  size_t nruns, const char *const events[], size_t nevents,
			  const char *argv[EB_QEMU_MAXARGS], char *err, size_t size);

/* A boot of slot that did not pass: why it says gets the tail of L1's console. */
void eb_nested_explain(const struct eb_nested *n, size_t slot, struct eb_boot *b);

/* environment.nested: the L1 kernel and initramfs, the L2 argvs (mode -> argv). */
json_t *eb_nested_env(const struct eb_nested *n, json_t *l2_argvs);

/*
 * After the boots: each selected variant of each image booted once under
 * the tcg tier with the same command line; its figure goes beside the
 * nested one (the variant's vs_tcg), and a path outside the vmexit family
 * whose figure differs is said on stderr.
 */
struct eb_run;
void eb_nested_check_tcg(const struct eb_run *run);

/* Removes the private directory; n is gone. */
void eb_nested_free(struct eb_nested *n);

#endif
