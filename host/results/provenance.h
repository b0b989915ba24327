/* SPDX-License-Identifier: MIT */
/*
 * Where the figures of a results file come from: the entrybench build that
 * wrote it (version, git revision, toolchain) and every kernel image it
 * measured (SHA-256, and the build that made it, from the build-info.json
 * the kernel build writes beside the images).  Recorded, not fingerprinted:
 * telling two builds apart is what compare and gate are for.
 */
#ifndef EB_PROVENANCE_H
#define EB_PROVENANCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

/* {"entrybench": this build}: the top-level "provenance" member. */
json_t *eb_provenance_new(void);

/* Appends path's SHA-256 and build to res's provenance.kernels. */
void eb_provenance_add_kernel(json_t *res, const char *mode, const char *path);

/* SHA-256 of a file as 64 lowercase hex digits; false with why in err. */
bool eb_sha256_file(const char *path, char hex[65], char *err, size_t size);

/*
 * The revision res measured, for labels: "0123456789ab" or
 * "0123456789ab+dirty".  That of its kernels when they agree on one,
 * else entrybench's; false when neither is known.
 */
bool eb_provenance_revision(const json_t *res, char *out, size_t size);

/* Its lines for `show`: the build, and each kernel's hash and build. */
void eb_provenance_print(FILE *f, const json_t *res);

/* The optional provenance member's form; false with why in err. */
bool eb_provenance_valid(const json_t *prov, char *err, size_t size);

#endif
