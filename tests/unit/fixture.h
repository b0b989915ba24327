/* SPDX-License-Identifier: MIT */
/* Results documents for tests: environments whose fingerprint holds. */
#ifndef EB_TEST_FIXTURE_H
#define EB_TEST_FIXTURE_H

#include <ftw.h>
#include <stdio.h>
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

static inline int fixture_remove_one(const char *path, const struct stat *st,
				     int type, struct FTW *ftw)
{
	(void)st, (void)type, (void)ftw;
	return remove(path);
}

/* rm -rf dir, the scratch directory a test made: 0, or -1. */
static inline int fixture_remove_tree(const char *dir)
{
	return nftw(dir, fixture_remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

#endif
