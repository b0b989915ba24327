/* SPDX-License-Identifier: MIT */
/*
 * One set of cycle-gate trials: the base and the candidate kernel images
 * booted alternately in a seeded, randomised ABBA order, one boot per
 * trial, each arm's boots folded into one results document.
 */
#ifndef EB_ABBARUN_H
#define EB_ABBARUN_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

struct eb_abba_set {
	const char *base_dir, *new_dir;	/* kernel dirs of arms A and B */
	const char *const *run_args;	/* extra `run` args, NULL-terminated */
	size_t blocks;			/* 4 boots each: 2 trials per arm */
	unsigned long seed;
	const char *scratch;		/* directory for the per-boot files */
};

struct eb_abba_result {	/* each arm also records "abba": {arm, order, seed} */
	json_t *arm[2];		/* results of A (base) and B (candidate) */
	char *order;		/* "ABBABAAB...", NUL-terminated, malloc'd */
};

/* False with the reason in err when a boot could not be run at all. */
bool eb_abba_run(const struct eb_abba_set *s, struct eb_abba_result *r,
		 char *err, size_t size);

void eb_abba_free(struct eb_abba_result *r);

#endif
