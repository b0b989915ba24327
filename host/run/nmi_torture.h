/* SPDX-License-Identifier: MIT */
/*
 * The NMI torture, both kinds: the guest's deterministic nested-NMI
 * torture (run --torture, `torture` records) and NMIs injected by the host
 * at random moments (run --inject-nmi, the `nmi` record): their verdicts,
 * folded into results, and their tables.
 */
#ifndef EB_TORTURE_H
#define EB_TORTURE_H

#include <stdio.h>

#include <jansson.h>

#include "run/nmi_injector.h"

/*
 * Adds boot's trial to each design in names[0..n): status `pass` when the
 * guest's verdict agrees with what the design claims (safe or unsafe),
 * `fail` when it contradicts it, else what the boot came to; the verdict
 * itself in the trial's `torture` object.
 */
void eb_torture_fold(json_t *res, const char *mode, int boot,
		     const struct eb_boot *b, const char *const *names, size_t n);

/* Verdicts of a boot under injected NMIs, best first. */
#define EB_NMI_VERDICTS	{ "safe", "lost-nmis", "corrupted", "crashed", "error" }

/* Appends boot's injection outcome (injections, acks, the guest's count,
 * each ack's latency) to res's "nmi_injection"; returns the verdict, one of
 * EB_NMI_VERDICTS, by the rules above nmi_verdict() (and in SCHEMA.md). */
const char *eb_nmi_fold(json_t *res, int boot, const struct eb_boot *b,
			const char *design, const struct eb_nmi_plan *plan,
			const struct eb_nmi_log *log);

/* The torture and injection tables of res (nothing if it has none);
 * return how many rows are not as they should be. */
int eb_torture_table(FILE *f, const json_t *res);
int eb_nmi_table(FILE *f, const json_t *res);

#endif
