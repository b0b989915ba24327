/* SPDX-License-Identifier: MIT */
/*
 * Host-side counters per variant (run --counters): which variants leave
 * the guest, how often, and what the guest executes, per round trip.
 *
 * A boot's counts cover everything QEMU did: the boot itself, the guest's
 * protocol output (one port write, so one PIO exit under KVM, per byte),
 * every variant's check, warm-up and timed batches.  One variant's cost
 * per round trip comes from booting it alone twice, with k and 2k round
 * trips per batch and everything else equal.  The difference between the
 * two boots is k * batches timed round trips, each with one iteration of
 * the empty reference loop (a call and a return, which never exit), plus
 * the few protocol bytes the larger numbers took; those are known exactly
 * and subtracted from the exit counters:
 *
 *   per_trip = (N(2k) - N(k) - exits_per_byte * (bytes(2k) - bytes(k)))
 *              / (k * batches)
 */
#ifndef EB_COUNTRUN_H
#define EB_COUNTRUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "run/boot_results.h"
#include "tiers/tier.h"

struct eb_countrun {
	const char *qemu, *machine, *image;	/* as eb_qemu_argv() takes them */
	const struct eb_tier *tier;
	const struct eb_params *params;		/* k, batches, warmup */
	double timeout_s;			/* per counting boot */
	const char *const *events;		/* names, as --events gave them */
	size_t nevents;
};

/* False with err for a name neither libpfm4 nor tracefs knows (bad usage). */
bool eb_countrun_check(const char *const *events, size_t n, char *err,
		       size_t size);

/*
 * Boots variant alone twice and returns one member per event:
 *   {"per_trip": x, "k": [k1, k2], "counts": [n1, n2],
 *    "protocol_bytes": [b1, b2]}
 * or {"unavailable": "why"}: this tier has no such count, no PMU, no
 * permission, no tracefs, or a counting boot did not pass.
 */
json_t *eb_countrun_variant(const struct eb_countrun *j, const char *variant);

/*
 * Counts each of names[0..n) that passed in trial `boot` of this mode and
 * adds the result as that trial's `counters`.  Progress goes to stderr.
 */
void eb_countrun_fold(json_t *res, const char *mode, int boot,
		      const struct eb_countrun *j, const char *const *names,
		      size_t n);

/* A counting boot's kernel command line: variant alone, k round trips. */
void eb_countrun_cmdline(char *buf, size_t size, const char *variant,
			 unsigned k, const struct eb_params *params);

/* The two k of the counting boots: k and 2k, or k/2 and k near EB_MAX_K. */
void eb_countrun_ks(const struct eb_params *params, unsigned k[2]);

/* One event's member of the counters: its counts n at k[0] and k[1]. */
json_t *eb_countrun_event(const char *name, const uint64_t n[2],
			  const unsigned k[2], const unsigned long bytes[2],
			  unsigned batches);

/* Trial `boot` of variant name in mode, or NULL. */
json_t *eb_countrun_trial(json_t *res, const char *name, const char *mode,
			  int boot);

/* The counters table of a results file (`show`, `run`); always 0. */
int eb_counters_table(FILE *f, const json_t *res);

/* The formula above; exits_per_byte is 1 for kvm:kvm_exit and kvm:kvm_pio. */
double eb_count_per_trip(uint64_t n1, uint64_t n2, unsigned long bytes1,
			 unsigned long bytes2, unsigned exits_per_byte,
			 unsigned k, unsigned batches);
unsigned eb_count_exits_per_byte(const char *event);

#endif
