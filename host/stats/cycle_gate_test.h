/* SPDX-License-Identifier: MIT */
/*
 * The statistical core of the cycle gate: a pure function of one value per
 * trial (boot) in each arm, and the randomised ABBA order of the boots.
 * Nothing here runs QEMU, so it is tested on synthetic data.
 */
#ifndef EB_CYCLE_GATE_TEST_H
#define EB_CYCLE_GATE_TEST_H

#include <stdbool.h>
#include <stddef.h>

#include <gsl/gsl_rng.h>

struct eb_cycle_gate_thresholds {
	double alpha;		/* one-sided Mann-Whitney level */
	double tau_rel;		/* HL ratio must exceed 1 + tau_rel ... */
	double tau_abs;		/* ... and the HL difference tau_abs units */
};

#define EB_CYCLE_GATE_THRESHOLDS_DEFAULT \
	((struct eb_cycle_gate_thresholds){ .alpha = 0.01, .tau_rel = 0.02, \
					    .tau_abs = 3 })

struct eb_cycle_gate_stats {
	size_t m, n;		/* trials in the base and candidate arms */
	double p;		/* one-sided: candidate slower */
	double ratio;		/* HL ratio candidate / base */
	double diff;		/* HL difference candidate - base */
	bool regressed;		/* all three thresholds crossed */
};

/*
 * A regression needs all three: significance alone flags 0.1 % shifts
 * when noise is tiny, size alone flags noise when trials are few.
 */
struct eb_cycle_gate_stats eb_cycle_gate_test(const double *base, size_t m,
		const double *cand, size_t n,
		const struct eb_cycle_gate_thresholds *t);

/*
 * Boot order of `blocks` blocks of four, each ABBA or BAAB at random:
 * order[i] is 'A' (base image) or 'B' (candidate), 4 * blocks entries.
 * Balanced within every block, so drift (thermal, frequency, neighbours)
 * hits both arms alike, and the randomisation keeps a periodic disturbance
 * from lining up with one arm.
 */
void eb_gate_abba(gsl_rng *r, size_t blocks, char *order);

#endif
