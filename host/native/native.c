/* SPDX-License-Identifier: MIT */
#include <cpuid.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>

#include "native.h"

#define CPUID_1_EDX_TSC	(1u << 4)

/* Weak: a program that links no benchmark has no section at all. */
extern const struct eb_native_bench *const __start_eb_native[]
	__attribute__((weak));
extern const struct eb_native_bench *const __stop_eb_native[]
	__attribute__((weak));

const struct eb_native_bench *const *eb_native_all(size_t *n)
{
	*n = __start_eb_native ? (size_t)(__stop_eb_native - __start_eb_native) : 0;
	return __start_eb_native;
}

enum eb_native_probe eb_native_probe_tsc(char *why, size_t size)
{
	unsigned a, b, c, d;
	int mode = 0;

	if (!__get_cpuid(1, &a, &b, &c, &d) || !(d & CPUID_1_EDX_TSC)) {
		snprintf(why, size, "the CPU has no time-stamp counter "
			 "(CPUID.1:EDX.TSC clear): nothing to count tsc_cycles with");
		return EB_NATIVE_SKIP;
	}
	if (prctl(PR_GET_TSC, &mode) == 0 && mode == PR_TSC_SIGSEGV) {
		snprintf(why, size, "RDTSC is disabled for this process "
			 "(prctl PR_SET_TSC): reading the TSC would raise SIGSEGV");
		return EB_NATIVE_SKIP;
	}
	return EB_NATIVE_RUNS;
}

/* A benchmark as registered: its descriptor and what its probe said. */
struct probed {
	const struct eb_native_bench *b;
	bool asked;
	enum eb_native_probe verdict;
	char why[512];
};

static void run_probed(struct eb_gb_state *st, void *arg)
{
	struct probed *p = arg;

	/* Google Benchmark calls this per repetition and per trial run. */
	if (!p->asked) {
		p->verdict = eb_native_probe_tsc(p->why, sizeof(p->why));
		if (p->verdict == EB_NATIVE_RUNS && p->b->probe)
			p->verdict = p->b->probe(p->b->arg, p->why, sizeof(p->why));
		p->asked = true;
	}
	if (p->verdict == EB_NATIVE_SKIP)
		eb_gb_skip(st, "%s", p->why);
	else if (p->verdict == EB_NATIVE_BROKEN)
		eb_gb_error(st, "%s", p->why);
	else
		p->b->fn(st, p->b->arg);
}

/*
 * Every registration's state, kept reachable for as long as the process
 * lives: Google Benchmark may call a benchmark until it is cleared, and a
 * static destructor frees its registry before leak checkers look.
 */
static struct registration {
	struct registration *next;
	struct probed p[];
} *registrations;

void eb_native_register(const struct eb_native_bench *const *benches, size_t n)
{
	struct registration *r = calloc(1, sizeof(*r) + n * sizeof(r->p[0]));

	if (!r)
		abort();
	r->next = registrations;
	registrations = r;
	for (size_t i = 0; i < n; i++) {
		r->p[i].b = benches[i];
		eb_gb_register(benches[i]->name, run_probed, &r->p[i],
			       benches[i]->manual_time);
	}
}
