/* SPDX-License-Identifier: MIT */
/*
 * Model against reality: each bench-kernel variant (a model of one of
 * Linux's entry paths) beside the Linux probe that takes the real path,
 * matched by the probe's `peer` (the guest names the variant modelling
 * it), with the ratio reality / model.  Both are exact instruction counts
 * (tiers tcg and linux), so the ratio says how much of the real path a
 * model leaves out; linux-guest/README.md says what that is.
 */
#ifndef EB_REALITY_H
#define EB_REALITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

/*
 * Are model (a bench-kernel file) and real (a linux-tier file) such a
 * pair, both timed and counting instructions?  False with why when one
 * of them is a linux file but the pair is not one.
 */
bool eb_reality_pair(const json_t *model, const json_t *real, char *why,
		     size_t size);

/* One row: a probe with a peer, its model's figure and its own per column. */
struct eb_reality_row {
	const json_t *model;		/* the bench variant; NULL if model lacks it */
	const char *probe, *peer;
	const json_t *real[8];		/* the probe in each reference column */
};

/*
 * The reference columns of real: every CPU's column of its first command
 * line (the default one, in a default run), at most 8.  Then the rows, in
 * probe order, a model's rows together.  Returns the number of rows;
 * *rows is malloc'd.
 */
size_t eb_reality_rows(const json_t *model, const json_t *real,
		       const char **columns, size_t *ncolumns,
		       struct eb_reality_row **rows);

/* The table. */
void eb_reality_print(FILE *f, const json_t *model, const char *mname,
		      const json_t *real, const char *rname);

#endif
