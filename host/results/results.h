/* SPDX-License-Identifier: MIT */
/*
 * The results of a run, kept as the JSON document itself (jansson) so that
 * what is printed, written and read back is one model.  results/SCHEMA.md
 * describes every field.
 */
#ifndef EB_RESULTS_H
#define EB_RESULTS_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "run/protocol.h"
#include "tiers/tier.h"

#define EB_RESULTS_SCHEMA	"entrybench-results"
#define EB_RESULTS_VERSION	1

/* Takes ownership of env and params. */
json_t *eb_results_new(int argc, char **argv, json_t *env, json_t *params);

/*
 * {"unavailable": "why"}: what a results file holds where a reading could
 * not be taken, instead of a guess.
 */
json_t *eb_unavailable(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Adds a variant (described by the guest) measured at tier; returns it. */
json_t *eb_results_add_variant(json_t *res, const char *mode,
			       const struct eb_variant *v,
			       const struct eb_tier *tier);

/*
 * A variant is its name, its mode and, in a linux-tier file, its column
 * (the kernel command line and CPU model it ran with): the same probe in
 * two columns is two variants.  This finds one without a column.
 */
json_t *eb_results_variant(const json_t *res, const char *name,
			   const char *mode);

/* The variant of that name, mode and column (NULL: none) in res. */
json_t *eb_results_column_variant(const json_t *res, const char *name,
				  const char *mode, const char *column);

/* The variant of res that is v of another file: its name, mode and column. */
json_t *eb_results_same_variant(const json_t *res, const json_t *v);

/* v's column label, or NULL when it has none. */
const char *eb_variant_column(const json_t *v);

/* Where v ran, for a table's second column: its column label, else its mode. */
const char *eb_variant_where(const json_t *v);

/* That column's width for the variants of a and b (b may be NULL): at least 7. */
int eb_where_width(const json_t *a, const json_t *b);

/*
 * The range the reader accepts for a passing trial's value: a figure is a
 * positive number of ticks per round trip, at most what a 64-bit counter
 * holds, and at least 2^-64 (a positive median of integer ticks over k <=
 * EB_MAX_K round trips is never below 1 / (2k)).  In it every logarithm,
 * ratio and Hodges-Lehmann interval of two values is finite.
 */
#define EB_VALUE_MIN	0x1p-64
#define EB_VALUE_MAX	0x1p64

/*
 * The values of a variant's passing trials, in a malloc'd array (a passing
 * trial may withhold its value: timed under injected NMIs).
 */
size_t eb_trial_values(const json_t *variant, double **out);

/* Appends a trial; value NAN means none.  v supplies the raw batches. */
void eb_results_add_trial(json_t *variant, int boot, const char *status,
			  const char *detail, double value,
			  const struct eb_trial *t, const struct eb_variant *v);

/* Per-variant status and summary from the trials. */
void eb_results_finish(json_t *res);

/* The run was cut short: flag it and drop the variants never measured. */
void eb_results_mark_interrupted(json_t *res);

/* Was the run cut short (some variants or trials never measured)? */
bool eb_results_interrupted(const json_t *res);

/* Atomic: a temp file in the same directory, fsync, rename. */
bool eb_results_write(const json_t *res, const char *path,
		      char *err, size_t size);

/* Can path be written atomically (a temp file in its directory, not a
 * directory itself)?  Leaves nothing behind. */
bool eb_results_probe(const char *path, char *err, size_t size);

/* Validates schema, version and types; NULL with a message naming path.
 * path must be a regular file. */
json_t *eb_results_read(const char *path, char *err, size_t size);

/* The validation eb_results_read() does, on a document already parsed;
 * `path` only names it in the message. */
bool eb_results_valid(const json_t *res, const char *path, char *err,
		      size_t size);

#endif
