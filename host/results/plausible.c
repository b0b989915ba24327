/* SPDX-License-Identifier: MIT */
/*
 * The bounds a published figure must keep.  They come from what a figure
 * is, not from what figures usually are:
 *
 *  - A round trip costs more than the empty call it is measured against,
 *    so its value is finite and > 0, in every unit.
 *  - Instruction counts are exact: k round trips can never execute as few
 *    instructions as k empty calls, so under `insns` every batch must
 *    have ticks > overhead.  Cycles are noisy: an interrupt in one
 *    reference loop is no lie, and only the median (the value) must be
 *    positive.
 *  - A part is not larger than its whole: the guest reports, per variant,
 *    the ticks its whole timing job took (`span`, protocol.h), and every
 *    batch's ticks and overhead are measured inside it.
 *  - A TSC counts at most tsc_hz ticks a second: one boot lasts at most
 *    timeout_s, so a `kvm` span cannot exceed tsc_hz * timeout_s; a
 *    `native` repetition's ticks per iteration cannot exceed tsc_hz times
 *    its wall time per iteration (with EB_PLAUSIBLE_RATE_SLACK).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "results/plausible.h"

static const char *str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

static uint64_t count(const json_t *o, const char *key)
{
	json_int_t v = json_integer_value(json_object_get(o, key));
	return v > 0 ? (uint64_t)v : 0;
}

/* Exact counts: every batch of k round trips above its k empty calls. */
static bool batches_above_overhead(const json_t *batches, char *why,
				   size_t size)
{
	size_t i;
	json_t *b;

	json_array_foreach(batches, i, b)
		if (count(b, "ticks") <= count(b, "overhead")) {
			snprintf(why, size, "batch %zu: ticks %llu <= overhead "
				 "%llu: round trips cannot execute fewer "
				 "instructions than as many empty calls", i,
				 (unsigned long long)count(b, "ticks"),
				 (unsigned long long)count(b, "overhead"));
			return false;
		}
	return true;
}

/* Every batch's ticks and overhead, saturating (each is below 2^63). */
static uint64_t batch_sum(const json_t *batches)
{
	uint64_t sum = 0;
	size_t i;
	json_t *b;

	json_array_foreach(batches, i, b) {
		uint64_t x = count(b, "ticks") + count(b, "overhead");
		sum = sum > UINT64_MAX - x ? UINT64_MAX : sum + x;
	}
	return sum;
}

/* The batches inside their span, the span inside one boot's TSC range. */
static bool within_span(const json_t *res, const json_t *trial,
			const char *unit, char *why, size_t size)
{
	const json_t *batches = json_object_get(trial, "batches");
	const json_t *env = json_object_get(res, "environment");
	uint64_t sum = batch_sum(batches), span = count(trial, "span");
	double hz = json_number_value(json_object_get(
			json_object_get(env, "tsc_hz"), "value"));
	json_t *timeout = json_object_get(json_object_get(res, "parameters"),
					  "timeout_s");

	if (json_object_get(trial, "span") && sum > span) {
		snprintf(why, size, "the batches add up to %llu %s, more than "
			 "the %llu of the timing job that contains them (span)",
			 (unsigned long long)sum, unit, (unsigned long long)span);
		return false;
	}
	if (strcmp(unit, "tsc_cycles") != 0 || !json_is_integer(timeout) ||
	    !(hz > 0))
		return true;
	double most = hz * json_integer_value(timeout);
	double whole = span > sum ? span : sum;
	if (whole > most) {
		snprintf(why, size, "%.0f %s in one boot: more than a TSC at "
			 "%.0f Hz counts in the %lld s timeout (%.0f)", whole,
			 unit, hz, json_integer_value(timeout), most);
		return false;
	}
	return true;
}

/* Native: TSC ticks per iteration against the wall time per iteration. */
static bool within_wall_time(const json_t *res, const json_t *trial,
			     double value, char *why, size_t size)
{
	double hz = json_number_value(json_object_get(json_object_get(
			json_object_get(res, "environment"), "tsc_hz"), "value"));
	json_t *real = json_object_get(trial, "real_time_ns");

	if (!json_is_number(real) || !(hz > 0))
		return true;
	double most = EB_PLAUSIBLE_RATE_SLACK * hz * json_number_value(real) / 1e9;
	if (value > most) {
		snprintf(why, size, "%.2f tsc_cycles per iteration in %.2f ns of "
			 "wall time: more than %g x a TSC at %.0f Hz counts (%.2f)",
			 value, json_number_value(real), EB_PLAUSIBLE_RATE_SLACK,
			 hz, most);
		return false;
	}
	return true;
}

bool eb_plausible(const json_t *res, const json_t *variant,
		  const json_t *trial, char *why, size_t size)
{
	const char *unit = str(variant, "unit");
	double value = json_number_value(json_object_get(trial, "value"));
	const json_t *batches = json_object_get(trial, "batches");

	if (!isfinite(value)) {
		snprintf(why, size, "value %g is not finite", value);
		return false;
	}
	if (strcmp(unit, "insns") == 0 &&
	    !batches_above_overhead(batches, why, size))
		return false;
	if (value <= 0) {
		snprintf(why, size, "value %.2f %s per round trip: a round trip "
			 "costs more than the empty call it is measured against",
			 value, unit);
		return false;
	}
	return within_span(res, trial, unit, why, size) &&
	       within_wall_time(res, trial, value, why, size);
}
