/* SPDX-License-Identifier: MIT */
/*
 * Comparing two results documents variant by variant.  Instruction counts
 * (tcg) are exact, so their change is a plain difference; cycles (kvm) are
 * noisy, so the change is a Hodges-Lehmann ratio over one value per trial
 * (boot), with a bootstrap interval and a one-sided Mann-Whitney p-value.
 * Batches inside one boot are never the unit: they share the boot's
 * placement, frequency and cache state, so they are not independent.
 */
#ifndef EB_COMPARE_H
#define EB_COMPARE_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "results/results.h"

/* environment.tier of a results document ("" if absent). */
const char *eb_results_tier(const json_t *res);

/*
 * Names the comparability fields (those the fingerprint covers) that differ
 * between two environments, e.g. "qemu.version, mitigations.retbleed";
 * false and "" when they agree.
 */
bool eb_env_diff(const json_t *a, const json_t *b, char *out, size_t size);

/*
 * May two results of the same tier be compared?  Different environments
 * make cycles incomparable (false, err says which fields and that --force
 * overrides), unless force; instruction counts depend on the guest code
 * only, so for them err gets a note and the answer is true, unless the
 * guest itself differs (the linux tier's kernel or command lines: the
 * fields marked `counts`), which is refused as cycles are.  err is ""
 * when the environments agree.
 */
bool eb_env_comparable(const json_t *base, const json_t *new, bool force,
		       char *err, size_t size);

/*
 * Why res has no timings to compare, gate or plot ("an NMI torture run
 * (--torture nmi): it has verdicts, not timings"), or NULL when it has.
 */
const char *eb_results_untimed(const json_t *res, char *buf, size_t size);

/*
 * Were a and b measured the same way?  The run parameters that change what
 * a figure is (k, batches, warmup, boot; absent in both is the same) that
 * differ, with both values, e.g. "k 64 vs 32"; "" and true when none.
 */
bool eb_same_parameters(const json_t *a, const json_t *b, char *which,
			size_t size);

/*
 * Every check before figures of NEW are set against BASE's, shared by
 * compare, gate and plot --kind compare: both files timed (not a torture
 * or injected NMIs), one tier, the same run parameters and, for cycles,
 * the same environment.  force admits other parameters and environments
 * (never an untimed file or another tier).  False with why in msg, naming
 * the files as bname and nname; true with msg "" or note lines to print.
 */
bool eb_check_comparable(const json_t *base, const char *bname,
			 const json_t *new, const char *nname, bool force,
			 char *msg, size_t size);

struct eb_compare_opts {
	unsigned resamples;	/* bootstrap resamples */
	double level;		/* confidence level of the interval */
	unsigned long seed;	/* bootstrap seed */
};

struct eb_change {
	size_t m, n;		/* passing trials: base, new */
	double base, new;	/* medians over trials */
	double diff;		/* insns: new - base; cycles: HL difference */
	double ratio;		/* insns: new / base; cycles: HL ratio */
	double lo, hi;		/* cycles: bootstrap interval of the ratio */
	double p;		/* cycles: one-sided Mann-Whitney, new slower */
	bool exact;		/* true for a deterministic (insns) unit */
};

/* Compares two variants of the same unit; NANs where a side has no trial. */
struct eb_change eb_compare_variant(const json_t *base, const json_t *new,
				    const struct eb_compare_opts *o);

#endif
