/*
 * The part of a measurement that runs at the variant's ring: one checked
 * trip, or warm-up and then batches that alternate an overhead loop (empty
 * trip) with the real one, so slow drift hits both alike.
 */
#include "user.h"

__user_data struct job job;

__user_text void user_job(void *arg)
{
	struct job *j = arg;

	if (j->check_only) {
		check_trip(j->trip, j->regs_before, j->regs_after);
		return;
	}
	if (j->warmup)
		time_trips(j->trip, j->warmup);
	for (u64 b = 0; b < j->batches; b++) {
		j->overhead[b] = time_trips(empty_trip, j->k);
		j->ticks[b] = time_trips(j->trip, j->k);
	}
}
