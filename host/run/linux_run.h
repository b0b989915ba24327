/* SPDX-License-Identifier: MIT */
/*
 * `entrybench run --guest linux`: the linux tier's own boot loop.  A real
 * Linux kernel (run/linux_kernel.h) boots the project's initramfs
 * (linux-guest/) once per column and trial, two QEMUs (or --jobs) at a
 * time.  A column is one kernel command line on one CPU model
 * (tiers/linux.h): the probes' counts of each column are variants of
 * their own, told apart by their `column` label (results/SCHEMA.md).
 * Boots are folded in column order whatever order they finish in, so two
 * runs write the same figures.
 */
#ifndef EB_LINUX_RUN_H
#define EB_LINUX_RUN_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "run/boot_loop.h"
#include "run/qemu.h"
#include "tiers/linux.h"

#define EB_LINUX_MAX_APPEND	16	/* --linux-append, command lines */
#define EB_LINUX_MAX_COLUMNS	(EB_LINUX_MAX_APPEND * 2)
#define EB_LINUX_MAX_APPEND_LEN	1024

/* Without --linux-append: the command lines of the default matrix. */
#define EB_LINUX_DEFAULT_APPEND	"", "mitigations=off", "pti=on", "spectre_v2=off"

/* run's --linux-* options and --jobs, checked. */
struct eb_linux_options {
	const char *kernel;		/* --linux-kernel; NULL: the cache's */
	const char *system_map;		/* --linux-system-map; NULL: none */
	const char *append[EB_LINUX_MAX_APPEND];	/* normalised, distinct */
	size_t nappend;
	const struct eb_linux_cpu *cpu[4];		/* --linux-cpu */
	size_t ncpus;
	unsigned jobs;			/* QEMUs at a time */
	const char *qemu;		/* --qemu; NULL: from PATH */
};

/* One column: a CPU model and a command line, booted once per trial. */
struct eb_linux_column {
	char label[EB_LINUX_MAX_APPEND_LEN + 16];	/* "amd", "intel pti=on" */
	const struct eb_linux_cpu *cpu;
	const char *append;		/* the column's own options, or "" */
	char boot_options[EB_LINUX_MAX_APPEND_LEN + 64];	/* without eb.* */
	char cmdline[4096];		/* what the kernel gets */
	unsigned index;			/* its place in the run */
	char console[PATH_MAX];		/* its serial console, for errors */
	char serial[PATH_MAX + 8];	/* -serial file:<console> */
	const char *argv[EB_QEMU_MAXARGS];
};

/*
 * Normalises one --linux-append (words separated by single spaces) into
 * out; false with why when it is too long or names an eb.* key (those are
 * run's: --k, --variants, ...).
 */
bool eb_linux_append_normalise(const char *arg, char *out, size_t size,
			       char *why, size_t whysize);

/* "amd" or "amd mitigations=off": a column's label. */
void eb_linux_column_label(char *out, size_t size, const char *cpu,
			   const char *append);

/*
 * The column's command line (boot options, then the run's eb.* keys) and
 * QEMU argv; false with why when the command line does not fit.
 */
bool eb_linux_column_make(struct eb_linux_column *c, const struct eb_run_request *req,
			  const char *qemu, const char *kernel, const char *initramfs,
			  const char *scratch, char *why, size_t size);

/* The last lines of a console file, " | "-joined, into out ("" if none). */
void eb_linux_console_tail(const char *path, char *out, size_t size);

/*
 * The whole run: kernel, columns, environment, boots, folding.  *res gets
 * the results (run writes and prints them) and *done the boots folded.
 * EB_EXIT_OK, or EB_EXIT_BADUSAGE / EB_EXIT_FAILED after saying why.
 */
int eb_linux_run(const struct eb_run_request *req,
		 const struct eb_linux_options *lo, json_t *params,
		 const char *accel_why, json_t **res, unsigned *done);

/*
 * The initramfs: $ENTRYBENCH_LINUX_INITRAMFS, else the one under
 * eb_data_dir(EB_DATA_LINUX_GUEST): an installed entrybench's prefix, or
 * this build's linux-guest/.
 */
const char *eb_linux_initramfs(void);

#endif
