/* SPDX-License-Identifier: MIT */
/*
 * Measuring from another command (gate, baseline): run this very binary's
 * `run` in a child process, so there is one measuring code path, and read
 * the results file it writes.
 */
#ifndef EB_SELFRUN_H
#define EB_SELFRUN_H

#include <stddef.h>

#include <jansson.h>

/*
 * `entrybench run ARGS... --out OUT`, args NULL-terminated.  Returns the
 * results (a check failing in the guest still yields results), or NULL
 * with the reason in err when run refused or wrote nothing.
 */
json_t *eb_selfrun(const char *const args[], const char *out,
		   char *err, size_t size);

/* Appends "opt value" to args[0..n) when value is set; NULL-terminates. */
size_t eb_selfrun_opt(const char *args[], size_t n, const char *opt,
		      const char *value);

#endif
