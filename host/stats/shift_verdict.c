/* SPDX-License-Identifier: MIT */
#include <math.h>

#include "stats/rank_null.h"
#include "stats/shift_verdict.h"

double eb_shift_threshold(const struct eb_thresholds *t, double base)
{
	double rel = t->tau_rel;

	if (base > 0 && t->tau_abs / base > rel)
		rel = t->tau_abs / base;
	return log1p(rel);
}

enum eb_shift_outcome eb_shift_verdict(const struct eb_shift *s, double alpha,
				 double threshold)
{
	if (!eb_p_reaches(s->min_p, alpha))
		return EB_IMPOSSIBLE;
	if (s->lo > threshold)
		return EB_SLOWER;
	if (s->hi < -threshold)
		return EB_FASTER;
	if (s->lo >= -threshold && s->hi <= threshold)
		return EB_SAME;
	return EB_NO_EVIDENCE;
}

const char *eb_shift_outcome_name(enum eb_shift_outcome v)
{
	static const char *const names[] = {
		[EB_SLOWER] = "slower",
		[EB_FASTER] = "faster",
		[EB_SAME] = "same",
		[EB_NO_EVIDENCE] = "no evidence",
		[EB_IMPOSSIBLE] = "impossible",
	};
	return names[v];
}
