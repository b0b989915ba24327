/* SPDX-License-Identifier: MIT */
/* run --counters under tier nested: L1 counts L2's exits (run/nested_counters.c). */
#ifndef EB_NESTED_COUNTERS_H
#define EB_NESTED_COUNTERS_H

#include "run/boot_loop.h"

/*
 * One counting boot of L1 for the variants of im that passed in trial
 * `trial`: each trial's `counters`, as eb_countrun_fold() gives them
 * under the other tiers, or why each is unavailable.
 */
void eb_nested_countrun_fold(struct eb_run *run, const struct eb_run_image *im,
			     unsigned trial);

#endif
