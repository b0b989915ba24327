/* SPDX-License-Identifier: MIT */
/*
 * The modes of `entrybench run`, one file each around the shared boot loop
 * (run/boot_loop.h):
 *
 *   mode_matrix.c    the variants asked for, timed (the default)
 *   mode_torture.c   --torture: the in-guest nested-NMI torture, a verdict
 *                    per NMI design
 *   mode_inject.c    --inject-nmi: the variants timed while the host injects
 *                    NMIs through QMP, one design handling them
 *   mode_counters.c  --counters: the matrix, then host-side counters per
 *                    round trip of each passing variant
 */
#ifndef EB_MODES_H
#define EB_MODES_H

#include <stdbool.h>

#include "run/boot_loop.h"

extern const struct eb_run_mode eb_mode_matrix;
extern const struct eb_run_mode eb_mode_torture;
extern const struct eb_run_mode eb_mode_inject;
extern const struct eb_run_mode eb_mode_counters;

/* The NMI modes boot the one kernel that has the NMI designs. */
#define EB_NMI_KERNEL	"x86_64"

/*
 * The NMI designs are the variants of family EB_FAMILY_NMI, as the guest's
 * list boot declared them (mode_torture.c; mode_inject.c uses them too).
 */
bool eb_nmi_design(const struct eb_trial *t, const char *name);

/*
 * Is `design` an NMI design of t (or, if family_ok, the family itself)?
 * If not, one line naming option and the valid designs, and false.
 */
bool eb_nmi_design_check(const struct eb_trial *t, const char *option,
			 const char *design, bool family_ok);

#endif
