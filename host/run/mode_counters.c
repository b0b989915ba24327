/* SPDX-License-Identifier: MIT */
/*
 * run --counters (or --events): the matrix, and after each boot every
 * variant of it that passed booted alone twice more to count host-side
 * events per round trip (run/counting_boots.c says how); under tier nested
 * L1 counts them, all in one more boot (run/nested_counters.c).
 */
#include "run/counting_boots.h"
#include "run/modes.h"
#include "run/nested_counters.h"

static void fold_counters(struct eb_run *run, const struct eb_run_image *im,
			  unsigned trial, const struct eb_boot *b)
{
	const struct eb_run_request *req = run->req;
	struct eb_countrun job = {
		.qemu = im->entry->qemu, .image = im->entry->path,
		.machine = eb_boot_machine(req->boot), .tier = req->tier,
		.params = &req->params, .timeout_s = req->timeout_s,
		.events = req->events, .nevents = req->nevents,
	};

	eb_fold(run->res, req->tier, im->mode, trial, b, &req->params,
		im->sel.names, im->sel.n);
	/* Tier nested: L1 counts, in a boot of its own for all of them. */
	if (req->nested) {
		eb_nested_countrun_fold(run, im, trial);
		return;
	}
	eb_countrun_fold(run->res, im->mode, trial, &job, im->sel.names,
			 im->sel.n);
}

const struct eb_run_mode eb_mode_counters = {
	.name = "counters",
	.select = eb_select_wanted,
	.fold = fold_counters,
};
