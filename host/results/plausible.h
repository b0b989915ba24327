/* SPDX-License-Identifier: MIT */
/*
 * Is a figure believable before it is published?  eb_results_finish(),
 * which every tier's results pass through, asks here about each passing
 * trial that has a value, and turns the ones that are not into `rejected`
 * with the reason.  The bounds, per unit, are in results/SCHEMA.md
 * ("Plausibility").
 */
#ifndef EB_PLAUSIBLE_H
#define EB_PLAUSIBLE_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

/*
 * trial belongs to variant, which belongs to res (its environment and
 * parameters give the bounds).  False with why (one line) if the trial's
 * value or batches cannot be true.
 */
bool eb_plausible(const json_t *res, const json_t *variant,
		  const json_t *trial, char *why, size_t size);

/* Native tier: TSC ticks per iteration may exceed tsc_hz times the wall
 * time per iteration by this factor (two measurements, each with its
 * error), no more. */
#define EB_PLAUSIBLE_RATE_SLACK	2.0

#endif
