/* SPDX-License-Identifier: MIT */
/*
 * A C interface to Google Benchmark.  Debian's libbenchmark 1.7.1 has only
 * a C++ API; gbench_c.cc wraps the few parts the native benchmarks use so
 * that they can be written in C.
 *
 * Google Benchmark 1.7 has no "skipped" state: eb_gb_skip() reports an
 * error whose message starts with EB_GB_SKIPPED, which the fold turns back
 * into a skip.
 */
#ifndef EB_GBENCH_C_H
#define EB_GBENCH_C_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define EB_GB_SKIPPED	"skipped: "

struct eb_gb_state;	/* a benchmark::State */

typedef void (*eb_gb_fn)(struct eb_gb_state *st, void *arg);

/*
 * Registers fn(st, arg) as benchmark `name`.  manual_time: the time of each
 * batch is what fn passes to eb_gb_set_iteration_time, not the wall clock
 * (Google Benchmark then appends "/manual_time" to the name).
 */
void eb_gb_register(const char *name, eb_gb_fn fn, void *arg, bool manual_time);

/* The iteration count this invocation of fn must run. */
uint64_t eb_gb_max_iterations(const struct eb_gb_state *st);
bool eb_gb_keep_running(struct eb_gb_state *st);
/* Counts n iterations at once; the loop inside is the caller's. */
bool eb_gb_keep_running_batch(struct eb_gb_state *st, uint64_t n);
uint64_t eb_gb_iterations(const struct eb_gb_state *st);
void eb_gb_set_iteration_time(struct eb_gb_state *st, double seconds);
/* A user counter, reported as is (not a rate, not averaged). */
void eb_gb_set_counter(struct eb_gb_state *st, const char *name, double value);
void eb_gb_set_label(struct eb_gb_state *st, const char *label);
/*
 * The benchmark ends without figures: fn must return, or leave its loop,
 * right after.
 */
void eb_gb_error(struct eb_gb_state *st, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void eb_gb_skip(struct eb_gb_state *st, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

struct eb_gb_options {
	unsigned repetitions;	/* one figure per repetition */
	double min_time_s;	/* per repetition; 0: the library's default */
	const char *filter;	/* regular expression on names; NULL: all */
	const char *json_path;	/* Google Benchmark's own JSON is written here */
};

/*
 * Runs the registered benchmarks that match, progress on stderr.  Returns
 * how many ran, or -1 with a message in err if the options were refused.
 * When none ran, json_path does not exist afterwards.
 */
int eb_gb_run(const struct eb_gb_options *o, char *err, size_t size);

/* Forgets every registered benchmark. */
void eb_gb_clear(void);

#ifdef __cplusplus
}
#endif

#endif
