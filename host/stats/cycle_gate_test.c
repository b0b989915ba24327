/* SPDX-License-Identifier: MIT */
#include <string.h>

#include "stats/cycle_gate_test.h"
#include "stats/hodges_lehmann.h"
#include "stats/mann_whitney.h"

struct eb_cycle_gate_stats eb_cycle_gate_test(const double *base, size_t m,
		const double *cand, size_t n,
		const struct eb_cycle_gate_thresholds *t)
{
	struct eb_cycle_gate_stats s = {
		.m = m, .n = n,
		.p = eb_mw_p_greater(base, m, cand, n),
		.ratio = eb_hl_ratio(base, m, cand, n),
		.diff = eb_hl_diff(base, m, cand, n),
	};
	/* NAN compares false: an empty arm never regresses here. */
	s.regressed = s.p < t->alpha && s.ratio > 1 + t->tau_rel &&
		      s.diff > t->tau_abs;
	return s;
}

void eb_gate_abba(gsl_rng *r, size_t blocks, char *order)
{
	for (size_t b = 0; b < blocks; b++)
		memcpy(order + 4 * b, gsl_rng_uniform_int(r, 2) ? "BAAB" : "ABBA", 4);
}
