/* SPDX-License-Identifier: MIT */
/*
 * What the cycle gate's design fixes before any boot: the randomised ABBA
 * order of the boots, and how many trials the paired test needs.  The
 * verdict itself is the shared rule of stats/shift_verdict.h on the pairs
 * (results/compare.h).  Nothing here runs QEMU.
 */
#ifndef EB_CYCLE_GATE_TEST_H
#define EB_CYCLE_GATE_TEST_H

#include <stddef.h>

#include <gsl/gsl_rng.h>

/*
 * Boot order of `blocks` blocks of four, each ABBA or BAAB at random:
 * order[i] is 'A' (base image) or 'B' (candidate), 4 * blocks entries.
 * Balanced within every block, so drift (thermal, frequency, neighbours)
 * hits both arms alike, and the randomisation keeps a periodic disturbance
 * from lining up with one arm.
 *
 * The pairs: boots 4b, 4b+1 and boots 4b+2, 4b+3 are one A and one B
 * each, neighbours in time; they are each arm's trials 2b and 2b+1.  A
 * linear drift adds +delta to one pair of a block and -delta to the other
 * (which is which is random), so it widens the paired interval and never
 * moves it.
 */
void eb_gate_abba(gsl_rng *r, size_t blocks, char *order);

/*
 * The fewest trials per arm (an even number: blocks give two each) whose
 * pairs can reach alpha: n pairs allow p = 2^-n at best.  7 pairs, so 8
 * trials, for alpha 0.01.
 */
unsigned eb_cycle_gate_min_trials(double alpha);

#endif
