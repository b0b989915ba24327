/* SPDX-License-Identifier: MIT */
/*
 * The boot loop of `entrybench run`, shared by its modes: for each trial,
 * for each kernel image with a selection, boot it, report the verdict line
 * and hand the boot to the mode, until the trials are done or we are told
 * to stop.  A mode (run/modes.h, one file each) says which variants of an
 * image it runs, what it adds to their kernel command line and QEMU
 * arguments, how it boots and how it folds a boot into the results.
 */
#ifndef EB_BOOT_LOOP_H
#define EB_BOOT_LOOP_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "run/boot_results.h"
#include "run/kernel_catalog.h"
#include "run/nmi_injector.h"
#include "run/nested.h"
#include "run/protocol.h"
#include "run/qemu.h"
#include "tiers/tier.h"

/* What `entrybench run` was asked for: its options, checked. */
struct eb_run_request {
	const struct eb_tier *tier;
	const char *const *want;	/* variants named; none: all */
	size_t nwant;
	unsigned trials;
	double timeout_s;		/* per boot */
	struct eb_params params;	/* k, batches, warmup */
	const char *boot;		/* pvh or multiboot */
	bool verbose;
	const char *torture;		/* --torture: nmi or one NMI design */
	const char *inject;		/* --inject-nmi: the design handling them */
	struct eb_nmi_plan plan;	/* --inject-nmi's, seed of trial 0 */
	const char *const *events;	/* --counters: the events to count */
	size_t nevents;
	struct eb_nested *nested;	/* tier nested: L1 (run/nested.h) */
	const char *plugin;		/* the x-ray's -plugin argument (linux
					   tier; xray/xray_run.h), else NULL */
};

/* The variants of one image a mode runs, by name. */
struct eb_selection {
	const char *names[EB_PROTO_MAX_VARIANTS];
	size_t n;
};

/* One kernel image of the catalog, as every trial boots it. */
struct eb_run_image {
	const struct eb_catalog_entry *entry;
	const char *mode;		/* the guest's: x86_64, i386 */
	struct eb_selection sel;	/* none: the image is not booted */
	char cmdline[4096];
	const char *qemu_argv[EB_QEMU_MAXARGS];
};

struct eb_run_mode;

/* One run: what the loop and the mode share. */
struct eb_run {
	const struct eb_run_request *req;
	const struct eb_run_mode *mode;
	const struct eb_catalog *cat;
	struct eb_run_image *image;	/* [cat->n] */
	json_t *res;
	unsigned done;			/* boots folded into res */
	void *mode_state;		/* the mode's own, from its start() */
};

/*
 * A mode.  select and fold are required; a NULL hook does nothing, but
 * for cmdline (then eb_run_cmdline()) and boot (then a plain boot).  Hooks that return false have said why on stderr: the run
 * is bad usage and boots nothing.
 */
struct eb_run_mode {
	const char *name;
	/* Before anything else, e.g. the sockets of the NMI injector. */
	bool (*start)(struct eb_run *run);
	/* The variants of image t to run (none: skip the image). */
	bool (*select)(const struct eb_run_request *req, const struct eb_trial *t,
		       struct eb_selection *sel);
	/* The kernel command line of sel into buf. */
	bool (*cmdline)(const struct eb_run_request *req,
			const struct eb_selection *sel, char *buf, size_t size);
	/* Appends to an image's QEMU argv (n elements, NULL-terminated). */
	void (*qemu_args)(struct eb_run *run, const char **argv, int n);
	void (*boot)(struct eb_run *run, const struct eb_run_image *im,
		     unsigned trial, struct eb_boot *b);
	/* Adds boot b, trial `trial` of image im, to run->res. */
	void (*fold)(struct eb_run *run, const struct eb_run_image *im,
		     unsigned trial, const struct eb_boot *b);
	/* After the last boot, or after a failed start or selection. */
	void (*finish)(struct eb_run *run);
};

/*
 * Boots req->trials trials of every image of cat that mode selects
 * variants of, folding them into res (its environment gets "qemu_argv");
 * *done is the number of boots folded.  Stops early on an interrupt,
 * marking res interrupted.  EB_EXIT_BADUSAGE (said why, booted nothing)
 * or EB_EXIT_OK.
 */
int eb_boot_loop(const struct eb_run_request *req,
		 const struct eb_run_mode *mode, const struct eb_catalog *cat,
		 json_t *res, unsigned *done);

/* For the modes: the variants of t that req names, or all of them; a
 * select hook (always true). */
bool eb_select_wanted(const struct eb_run_request *req,
		      const struct eb_trial *t, struct eb_selection *sel);

/* For the modes: eb.variants=a,b eb.k=... into buf; false (said why) if it
 * does not fit. */
bool eb_run_cmdline(const struct eb_run_request *req,
		    const struct eb_selection *sel, char *buf, size_t size);

#endif
