/* SPDX-License-Identifier: MIT */
/* Results documents for tests: environments whose fingerprint holds. */
#ifndef EB_TEST_FIXTURE_H
#define EB_TEST_FIXTURE_H

#include <stdlib.h>

#include <jansson.h>

#include "results/environment.h"

/*
 * {"tier": tier, "fingerprint": ...}: the least environment a reader
 * accepts, sealed as eb_env_collect() seals a real one (the reader
 * recomputes the fingerprint).
 */
static inline json_t *fixture_env(const char *tier)
{
	json_t *env = json_pack("{s:s}", "tier", tier);
	if (!env || !eb_env_seal(env))
		abort();
	return env;
}

#endif
