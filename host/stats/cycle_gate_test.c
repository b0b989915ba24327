/* SPDX-License-Identifier: MIT */
#include <string.h>

#include "stats/cycle_gate_test.h"
#include "stats/rank_null.h"

void eb_gate_abba(gsl_rng *r, size_t blocks, char *order)
{
	for (size_t b = 0; b < blocks; b++)
		memcpy(order + 4 * b, gsl_rng_uniform_int(r, 2) ? "BAAB" : "ABBA", 4);
}

unsigned eb_cycle_gate_min_trials(double alpha)
{
	size_t n = eb_signed_rank_min_n(alpha);

	return (unsigned)(n + n % 2);
}
