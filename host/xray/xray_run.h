/* SPDX-License-Identifier: MIT */
/*
 * Taking x-rays: boots with the x-ray plugin (xray/plugin/), pairs its
 * recorded trips with the batches the guest reported and checks that each
 * x-ray adds up to the count measured in the same boot, as `run` computes
 * it (median over batches of (ticks - overhead) / k).
 *
 *   bench kernel (tier tcg): eb_xray_measure(), one boot per kernel image
 *     that has a variant asked for; `xray`, `baseline update` and `gate`
 *     use it.
 *   linux tier: eb_xray_measure_linux(), one column, through the linux
 *     tier's own boot loop (run/linux_run.c) with -plugin added; symbols
 *     from the kernel (System.map, else its kallsyms) and the guest's /init.
 *
 *   nested tier (r->nested): the same boots, each of L1 running the
 *     image as L2 with the plugin in the outer QEMU; L1's symbols added
 *     (xray/xray_nested.h), each VM exit's intercepted instruction listed
 *     but not counted.
 */
#ifndef EB_XRAY_RUN_H
#define EB_XRAY_RUN_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "run/boot_results.h"
#include "run/linux_run.h"
#include "xray/xray.h"

/* Called with each variant's x-ray (x is freed after): false stops. */
typedef bool (*eb_xray_each_fn)(void *ctx, json_t *variant,
				const struct eb_xray *x);

struct eb_xray_request {
	const char *cmd;		/* for messages: "xray", "gate", ... */
	const char *kernel_dir;		/* NULL: eb_kernel_dir()'s default */
	const char *qemu;		/* NULL: from PATH */
	const char *boot;		/* pvh | multiboot */
	struct eb_params params;
	double timeout_s;
	bool verbose;
	bool nested;			/* tier nested, not tcg */
	const char *const *names;	/* the variants to x-ray */
	size_t n;
	eb_xray_each_fn each;		/* optional */
	void *ctx;
};

/*
 * X-rays the variants named, booting each kernel image that has one of
 * them once under tier tcg (r->nested: nested): a results document (one trial) whose variants
 * carry "xray" (results/SCHEMA.md).  NULL with *rc (said why): 2 for an
 * unknown variant, a kernel without symbols, no plugin or a QEMU without
 * plugin support; 1 for a boot that failed or an x-ray that does not add
 * up to the measured count.
 */
json_t *eb_xray_measure(const struct eb_xray_request *r, int *rc);

/*
 * The same in the linux tier: r->names (one probe or more) in the one
 * column lo describes (one CPU model, one command line).
 */
json_t *eb_xray_measure_linux(const struct eb_xray_request *r,
			      const struct eb_linux_options *lo, int *rc);

/* Does the linux guest's 32-bit helper time this probe (not /init)? */
bool eb_xray_linux_in_helper(const char *probe);

/* The plugin's file: $ENTRYBENCH_XRAY_PLUGIN, else the build's or the prefix's. */
const char *eb_xray_plugin_path(void);

#endif
