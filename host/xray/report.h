/* SPDX-License-Identifier: MIT */
/*
 * What `entrybench xray` prints of an x-ray: the listing (every
 * instruction with function + offset and its disassembly, the phases
 * marked) and the per-function table with the sum, as a view
 * (results/view.h) so that every --format renders it.
 */
#ifndef EB_XRAY_REPORT_H
#define EB_XRAY_REPORT_H

#include <stdbool.h>

#include "results/view.h"
#include "xray/xray.h"

/* Adds x's listing (laid-out text) and its function table to view. */
void eb_xray_report(struct eb_view *view, const char *variant,
		    const char *where, const char *tier,
		    const struct eb_xray *x, bool listing);

#endif
