/* SPDX-License-Identifier: MIT */
/*
 * Tier nested: what L1 measures itself (run/nested_probes.h).  One more
 * outer boot per trial, in which L1's /init runs its probe runner
 * (nested-guest/probes/, the linux guest's runner with L1's own probes)
 * instead of L2's QEMU; its records come through L1's debug console like
 * L2's and are folded as a bench kernel's, mode x86_64, tier nested.
 */
#include <stdio.h>
#include <string.h>

#include <entrybench/protocol.h>

#include "lib/cli.h"
#include "lib/interrupt.h"
#include "results/results.h"
#include "run/boot_results.h"
#include "run/nested.h"
#include "run/nested_probes.h"
#include "run/qemu.h"

/* Slot 3 of run/nested.c: images use 0 and 1, their counting boots 4 and 5. */
#define PROBE_SLOT	3
#define PROBE_MODE	"x86_64"

static const char *const l1_probes[] = { EB_NESTED_KVM_RUN_PIO, NULL };

bool eb_nested_is_probe(const char *name)
{
	for (const char *const *p = l1_probes; *p; p++)
		if (strcmp(*p, name) == 0)
			return true;
	return false;
}

/* The L1 probes asked for, into names; how many. */
static size_t wanted(const struct eb_run_request *req, const char *names[])
{
	size_t n = 0;

	for (size_t i = 0; i < req->nwant; i++)
		if (eb_nested_is_probe(req->want[i]))
			names[n++] = req->want[i];
	return n;
}

/* The variant in the results, described by L1's own `variant` record. */
static bool add_variant(json_t *res, const struct eb_tier *tier,
			const struct eb_boot *b, const char *name)
{
	const struct eb_variant *v = eb_trial_variant(eb_proto_trial(b->proto), name);
	struct eb_variant none = {
		.name = (char *)name, .cpl = 3,
		.models = "a probe L1 runs itself (it did not describe it)",
		.source = "nested-guest/probes/",
	};

	if (eb_results_variant(res, name, PROBE_MODE))
		return true;
	return eb_results_add_variant(res, PROBE_MODE, v ? v : &none, tier) != NULL;
}

/* L1's probe runner's argv: the names and the run's parameters. */
struct probe_argv {
	char variants[1024], k[32], batches[32], warmup[32];
	const char *argv[6];
};

static void probe_argv(const struct eb_run_request *req, const char *names[],
		       size_t n, struct probe_argv *a)
{
	int at = snprintf(a->variants, sizeof(a->variants), "%s", EB_ARG_VARIANTS);

	for (size_t i = 0; i < n && at < (int)sizeof(a->variants); i++)
		at += snprintf(a->variants + at, sizeof(a->variants) - at, "%s%s",
			       i ? "," : "", names[i]);
	snprintf(a->k, sizeof(a->k), "%s%u", EB_ARG_K, req->params.k);
	snprintf(a->batches, sizeof(a->batches), "%s%u", EB_ARG_BATCHES,
		 req->params.batches);
	snprintf(a->warmup, sizeof(a->warmup), "%s%u", EB_ARG_WARMUP,
		 req->params.warmup);
	const char *argv[] = { EB_NESTED_L1_PROBES, a->variants, a->k,
			       a->batches, a->warmup, NULL };
	memcpy(a->argv, argv, sizeof(argv));
}

void eb_nested_run_probes(struct eb_run *run)
{
	const struct eb_run_request *req = run->req;
	const char *names[EB_PROTO_MAX_VARIANTS], *argv[EB_QEMU_MAXARGS];
	struct probe_argv a;
	char err[512];
	size_t n = wanted(req, names);

	if (!n)
		return;
	probe_argv(req, names, n, &a);
	if (!eb_nested_wrap(req->nested, PROBE_SLOT, run->cat->e[0].qemu,
			    run->cat->e[0].path, a.argv, argv, err, sizeof(err))) {
		eb_error("run: %s", err);
		return;
	}
	for (unsigned trial = 0; trial < req->trials && !eb_interrupted(); trial++) {
		struct eb_boot b;

		eb_qemu_boot(argv, req->timeout_s, &b);
		eb_nested_explain(req->nested, PROBE_SLOT, &b);
		if (b.outcome.verdict != EB_V_INTERRUPTED) {
			fprintf(stderr, "trial %u/%u L1 probes: %s (%.2f s)%s%s\n",
				trial + 1, req->trials,
				eb_verdict_name(b.outcome.verdict), b.proc.seconds,
				*b.outcome.why ? ": " : "", b.outcome.why);
			for (size_t i = 0; i < n; i++)
				add_variant(run->res, req->tier, &b, names[i]);
			eb_fold(run->res, req->tier, PROBE_MODE, trial, &b,
				&req->params, names, n);
			run->done++;
		}
		eb_proto_free(b.proto);
	}
}
