/* SPDX-License-Identifier: MIT */
/*
 * run's default mode: the variants asked for (or all) of every image,
 * timed, each boot folded into their trials (run/boot_results.c).
 */
#include "run/modes.h"

static void fold_matrix(struct eb_run *run, const struct eb_run_image *im,
			unsigned trial, const struct eb_boot *b)
{
	eb_fold(run->res, run->req->tier, im->mode, trial, b, &run->req->params,
		im->sel.names, im->sel.n);
}

const struct eb_run_mode eb_mode_matrix = {
	.name = "matrix",
	.select = eb_select_wanted,
	.fold = fold_matrix,
};
