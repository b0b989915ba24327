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

/* SHA-256 hex of the comparability fields of env; false on failure. */
bool eb_env_fingerprint(const json_t *env, char hex[65]);

#endif
