/* SPDX-License-Identifier: MIT */
/*
 * The environment a run was measured in, and a fingerprint over the parts
 * that decide whether two runs are comparable at all.
 */
#ifndef EB_ENV_H
#define EB_ENV_H

#include <stdbool.h>

#include <jansson.h>

#include "tiers/tier.h"

/*
 * NULL with a message in err if QEMU cannot even report its version.
 * qemu NULL: no QEMU is involved (tier native) and env has no qemu.
 */
json_t *eb_env_collect(const char *qemu, const struct eb_tier *tier,
		       const char *accel_why, char *err, size_t size);

/*
 * The fields that decide comparability, which the fingerprint hashes, in
 * the order a difference is named.  results/SCHEMA.md says why these.
 */
struct eb_env_field {
	const char *key;	/* its name in the hashed object */
	const char *name;	/* its place in environment, for messages */
	const char *object;	/* environment[object]... */
	const char *member;	/* ...[member], or the whole when NULL */
	bool split;		/* an object whose members differ one by one */
	bool optional;		/* hashed only when present (cpu_power) */
	bool counts;		/* instruction counts depend on it too: the
				   guest's kernel and command line (linux) */
};
extern const struct eb_env_field eb_env_fields[];
extern const size_t eb_env_nfields;

/* env's value of field f; NULL when absent. */
json_t *eb_env_get(const json_t *env, const struct eb_env_field *f);

/* SHA-256 hex of the comparability fields of env; false on failure. */
bool eb_env_fingerprint(const json_t *env, char hex[65]);

/* Sets env's fingerprint from its fields (after building or editing it). */
bool eb_env_seal(json_t *env);

#endif
