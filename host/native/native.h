/* SPDX-License-Identifier: MIT */
/*
 * Native benchmarks: the host kernel's own entry paths, timed in this
 * process with Google Benchmark (through gbench_c.h).  Each bench_*.c file
 * declares its benchmarks with EB_NATIVE_BENCH(); the descriptors land in
 * the "eb_native" linker section, so adding a benchmark is adding a file.
 *
 * Every benchmark reports Google Benchmark's time and a "tsc_cycles"
 * counter: TSC ticks per call over the whole timed loop.  The counter is
 * the figure entrybench publishes (tier native, unit tsc_cycles).
 *
 * What a benchmark needs of the host (IA32 emulation, hardware KVM, a
 * TSC ...) is asked by its probe, once, before anything is timed: a host
 * without it gets the benchmark skipped with the reason, never an error.
 */
#ifndef EB_NATIVE_H
#define EB_NATIVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "gbench_c.h"

#define EB_NATIVE_COUNTER	"tsc_cycles"

/* What a probe found out about this host. */
enum eb_native_probe {
	EB_NATIVE_RUNS,		/* it has what the benchmark needs */
	EB_NATIVE_SKIP,		/* it lacks a feature: why names the feature */
	EB_NATIVE_BROKEN,	/* something that must work failed: why says what */
};

typedef enum eb_native_probe (*eb_native_probe_fn)(void *arg, char *why,
						   size_t size);

struct eb_native_bench {
	const char *name;	/* Google Benchmark name = results variant name */
	const char *mode;	/* x86_64, or i386 for a 32-bit process */
	const char *models;	/* what kernel path one call takes */
	const char *family;	/* optional: the kind of entry, as the guest's
				   families (syscall, int80-gate, vdso, vmexit) */
	const char *source;	/* where that path lives */
	bool manual_time;	/* fn times itself: eb_gb_set_iteration_time */
	eb_gb_fn fn;
	void *arg;		/* fn's and probe's */
	/*
	 * Optional: can this host run fn?  Asked once, before fn is first
	 * called; a skip or failure found here stands for every repetition
	 * and fn is never called.  After a probe said RUNS, anything fn finds
	 * wrong is an error.
	 */
	eb_native_probe_fn probe;
};

/* Pointers, not descriptors, for the reason given in host/command.h. */
#define EB_NATIVE_BENCH(id)						\
	static const struct eb_native_bench eb_native_##id;		\
	static const struct eb_native_bench *const eb_native_ptr_##id	\
	__attribute__((used, section("eb_native"))) = &eb_native_##id;	\
	static const struct eb_native_bench eb_native_##id

/* Every benchmark linked in, in link order; *n gets the count. */
const struct eb_native_bench *const *eb_native_all(size_t *n);

/* Registers each of benches[0..n) with Google Benchmark, behind its probe. */
void eb_native_register(const struct eb_native_bench *const *benches, size_t n);

/* What every benchmark needs: a TSC that this process may read. */
enum eb_native_probe eb_native_probe_tsc(char *why, size_t size);

/*
 * attempt() makes an int $0x80 system call from this 64-bit process and
 * says whether it returned the right value.  It runs in a child, since a
 * kernel without IA32 emulation kills the caller with SIGSEGV: SKIP then,
 * RUNS if it returned true, BROKEN for anything else.
 */
enum eb_native_probe eb_native_probe_int80(bool (*attempt)(void), char *why,
					   size_t size);

/* The 32-bit helper: $EB_VSYSCALL32_HELPER, else the one built, or NULL. */
#define EB_VSYSCALL32_HELPER_ENV	"EB_VSYSCALL32_HELPER"
const char *eb_native_vsyscall32_helper(void);

/*
 * Folds the JSON eb_gb_run() wrote into results res: a variant per
 * benchmark of benches[0..n) that ran, a trial per repetition whose value
 * is its tsc_cycles counter, and Google Benchmark's context as
 * environment.google_benchmark.  False with err if gb is not such a file.
 */
bool eb_native_fold(json_t *res, const json_t *gb,
		    const struct eb_native_bench *const *benches, size_t n,
		    char *err, size_t size);

/* A TSC read that neither earlier nor later instructions pass. */
static inline uint64_t eb_native_tsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("lfence; rdtsc; lfence" : "=a"(lo), "=d"(hi) :: "memory");
	return (uint64_t)hi << 32 | lo;
}

/*
 * Times `body` over the iteration count Google Benchmark asks for, as one
 * batch: no call into the library per iteration.  Google Benchmark times
 * the batch; the TSC span of the same loop, per call, is the counter.
 */
#define EB_NATIVE_TIMED(st, body) do {					\
	uint64_t n_ = eb_gb_max_iterations(st), t0_ = 0, t1_ = 0;	\
	while (eb_gb_keep_running_batch((st), n_)) {			\
		t0_ = eb_native_tsc();					\
		for (uint64_t i_ = 0; i_ < n_; i_++) {			\
			body;						\
		}							\
		t1_ = eb_native_tsc();					\
	}								\
	eb_gb_set_counter((st), EB_NATIVE_COUNTER,			\
			  (double)(t1_ - t0_) / (double)n_);		\
} while (0)

#endif
