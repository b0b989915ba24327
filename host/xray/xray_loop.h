/* SPDX-License-Identifier: MIT */
/*
 * What every x-ray boot shares, whichever guest: the symbols, the timing
 * loop found in the code that runs it (time_trips' indirect call and
 * empty_trip, bench-kernel/arch/<mode>/timing.S), the plugin's argument
 * and trace file, and pairing the recorded trips with the measured
 * batches (xray/xray_run.h).
 */
#ifndef EB_XRAY_LOOP_H
#define EB_XRAY_LOOP_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "run/qemu.h"
#include "xray/xray_run.h"

struct eb_xray_setup {
	const char *cmd;
	eb_xray_each_fn each;
	void *ctx;
	struct eb_syms syms;		/* every source; sorted by setup_code */
	int bits;			/* of the timing loop's code */
	char dir[64];			/* scratch: the trace file */
	char trace[128];
	char plugin_arg[PATH_MAX + 256];
};

/*
 * Adds the symbols of elf (the code that holds the timing loop), finds
 * the loop, and makes the plugin's argument: EB_EXIT_OK, else the exit
 * status after saying why (2: no symbols, no loop, no plugin).
 */
int eb_xray_setup_code(struct eb_xray_setup *s, const char *elf,
		       const char *what);
void eb_xray_setup_free(struct eb_xray_setup *s);

/*
 * vars: the variants of the boot in the order the guest ran them, each
 * with its trial 0 (batches, value) of k round trips a batch.  Builds each one's x-ray from the
 * batch that measured the trial's value, checks that it adds up to it,
 * stores it as "xray" and calls s->each.  EB_EXIT_OK, or EB_EXIT_FAILED
 * after saying why.
 */
int eb_xray_pair(struct eb_xray_setup *s, json_t *const *vars, size_t n,
		 unsigned k);

/* Did QEMU refuse -plugin (built without TCG plugins)? */
bool eb_xray_qemu_refused(const struct eb_boot *b);

/* The last line of QEMU's stderr tail (a static copy). */
const char *eb_xray_last_line(const char *err);

#endif
