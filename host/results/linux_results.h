/* SPDX-License-Identifier: MIT */
/*
 * What a linux-tier results file adds to the schema (results/SCHEMA.md,
 * "Tier linux"): environment.linux, parameters.guest and .linux, and the
 * `column` of every variant.  results.c validates the rest.
 */
#ifndef EB_LINUX_RESULTS_H
#define EB_LINUX_RESULTS_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

/* Does this file's tier boot the Linux guest (tier.h: guest "linux")? */
bool eb_linux_results(const json_t *res);

/* environment.linux: its form; false with what is wrong in why. */
bool eb_linux_env_valid(const json_t *lx, char *why, size_t size);

/* parameters.guest and parameters.linux of a linux run. */
bool eb_linux_params_valid(const json_t *params, char *why, size_t size);

/*
 * A variant's column: in a linux file a label of environment.linux.columns,
 * in any other file absent.  False with why.
 */
bool eb_linux_column_valid(const json_t *v, const json_t *env, char *why,
			   size_t size);

#endif
