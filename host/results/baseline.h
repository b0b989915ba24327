/* SPDX-License-Identifier: MIT */
/*
 * Baselines: a results file (so show, compare and plot read it as is)
 * with one extra top-level member recording why it holds what it holds:
 *
 *   "baseline": { "history": [ {
 *       "date": "2025-01-31T12:00:00Z", "reason": "...", "source": "...",
 *       "entrybench_version": "0.1", "fingerprint": "...",
 *       "values": [ { "name", "mode", ["column",] "before", "after" } ]  } ] }
 *
 * one entry per update, oldest first; `before` and `after` are the
 * variant's median (null where it had none), so the previous figures stay
 * in the file after the measurements themselves are replaced.
 */
#ifndef EB_BASELINE_H
#define EB_BASELINE_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

/* Every variant passed its check or was skipped; else false and why. */
bool eb_baseline_fit(const json_t *res, char *err, size_t size);

/*
 * Turns res (a results document, modified in place) into the next
 * baseline after old (NULL for the first): old's history plus one entry.
 */
void eb_baseline_make(json_t *res, const json_t *old, const char *reason,
		      const char *source, const char *date);

/* The newest history entry, NULL if res is no baseline. */
const json_t *eb_baseline_last(const json_t *res);

#endif
