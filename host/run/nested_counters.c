/* SPDX-License-Identifier: MIT */
/*
 * run --counters under tier nested.  The host cannot see L2's exits (they
 * happen in L1's KVM, inside the outer TCG QEMU), so L1 counts them: one
 * more outer boot per image and trial, in which L1 runs L2 alone with
 * every variant that passed, twice (k and 2k round trips, as
 * run/counting_boots.c boots it under the other tiers), and counts the
 * tracepoints asked for on L2's QEMU (nested-guest/count.c).  Its l2run
 * and count records become the same per-trip figures through the same k/2k
 * difference, protocol bytes subtracted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <entrybench/protocol.h>

#include "lib/interrupt.h"
#include "run/counting_boots.h"
#include "run/nested.h"
#include "run/nested_counters.h"
#include "run/qemu.h"

/* L1's budget per L2 run on top of the boot's own timeout: an L2 boots in seconds. */
#define RUN_TIMEOUT_S	30

struct plan {
	size_t nruns;
	const char *names[EB_PROTO_MAX_VARIANTS];
	unsigned k[2];
	char (*cmdline)[512];				/* per run */
	const char *(*argv)[EB_QEMU_MAXARGS];		/* per run */
	const char *const **runs;			/* argv[r] */
};

/* The passing variants of im in this trial, two runs each. */
static bool make_plan(const struct eb_run *run, const struct eb_run_image *im,
		      unsigned trial, struct plan *p)
{
	const struct eb_run_request *req = run->req;
	size_t nv = 0;

	for (size_t i = 0; i < im->sel.n; i++) {
		json_t *t = eb_countrun_trial(run->res, im->sel.names[i], im->mode, trial);
		const char *st = json_string_value(json_object_get(t, "status"));
		if (st && strcmp(st, "pass") == 0)
			p->names[nv++] = im->sel.names[i];
	}
	p->nruns = 2 * nv;
	if (!nv)
		return false;
	eb_countrun_ks(&req->params, p->k);
	p->cmdline = calloc(p->nruns, sizeof(*p->cmdline));
	p->argv = calloc(p->nruns, sizeof(*p->argv));
	p->runs = calloc(p->nruns, sizeof(*p->runs));
	if (!p->cmdline || !p->argv || !p->runs)
		abort();
	for (size_t r = 0; r < p->nruns; r++) {
		eb_countrun_cmdline(p->cmdline[r], sizeof(p->cmdline[r]),
				    p->names[r / 2], p->k[r % 2], &req->params);
		eb_qemu_argv(p->argv[r], eb_nested_l2_qemu(req->nested),
			     eb_tier(req->tier->inner), eb_boot_machine(req->boot),
			     EB_NESTED_L2_KERNEL, p->cmdline[r]);
		p->runs[r] = p->argv[r];
	}
	return true;
}

static void free_plan(struct plan *p)
{
	free(p->cmdline);
	free(p->argv);
	free(p->runs);
}

/* Did run r pass, as L1 saw it?  Else why not, into why. */
static bool run_passed(const struct eb_trial *t, const struct plan *p, size_t r,
		       char *why, size_t size)
{
	if (r >= t->nl2runs) {
		snprintf(why, size, "L1 did not report its run with k=%u",
			 p->k[r % 2]);
		return false;
	}
	/* A bench kernel that passed; QEMU's own failure (1) prints nothing. */
	if (t->l2runs[r].status == EB_QEMU_STATUS(EB_EXIT_PASS) && t->l2runs[r].bytes)
		return true;
	snprintf(why, size, "the counting run with k=%u in L1 did not pass: L2's "
		 "QEMU ended with status %llu after %llu bytes", p->k[r % 2],
		 (unsigned long long)t->l2runs[r].status,
		 (unsigned long long)t->l2runs[r].bytes);
	return false;
}

static const struct eb_l2count *count_of(const struct eb_l2run *l, const char *event)
{
	for (size_t i = 0; i < l->ncounts; i++)
		if (strcmp(l->counts[i].event, event) == 0)
			return &l->counts[i];
	return NULL;
}

/* One variant's counters from runs 2v and 2v+1 of the boot b. */
static json_t *variant_counters(const struct eb_run_request *req,
				const struct plan *p, size_t v,
				const struct eb_boot *b)
{
	const struct eb_trial *t = eb_proto_trial(b->proto);
	char why[EB_PROTO_MAX_LINE + 600] = "";
	json_t *o = json_object();
	bool ok = b->outcome.verdict == EB_V_PASS;

	if (!ok)
		snprintf(why, sizeof(why), "the counting boot (L1) did not pass: "
			 "%s%s%s", eb_verdict_name(b->outcome.verdict),
			 *b->outcome.why ? ": " : "", b->outcome.why);
	ok = ok && run_passed(t, p, 2 * v, why, sizeof(why)) &&
	     run_passed(t, p, 2 * v + 1, why, sizeof(why));
	for (size_t e = 0; e < req->nevents; e++) {
		const char *name = req->events[e];
		const struct eb_l2count *c[2] = {
			ok ? count_of(&t->l2runs[2 * v], name) : NULL,
			ok ? count_of(&t->l2runs[2 * v + 1], name) : NULL,
		};
		if (!ok || !c[0] || !c[1] || !c[0]->has_value || !c[1]->has_value) {
			json_object_set_new(o, name, json_pack("{s:s}", "unavailable",
				!ok ? why : !c[0] || !c[1] ? "L1 did not count it" :
				!c[0]->has_value ? c[0]->why : c[1]->why));
			continue;
		}
		json_object_set_new(o, name, eb_countrun_event(name,
			(uint64_t[2]){ c[0]->value, c[1]->value }, p->k,
			(unsigned long[2]){ t->l2runs[2 * v].bytes,
					    t->l2runs[2 * v + 1].bytes },
			req->params.batches));
	}
	return o;
}

void eb_nested_countrun_fold(struct eb_run *run, const struct eb_run_image *im,
			     unsigned trial)
{
	const struct eb_run_request *req = run->req;
	const char *argv[EB_QEMU_MAXARGS];
	size_t slot = (size_t)(im - run->image);
	struct plan p = { 0 };
	char err[512];
	struct eb_boot b;

	if (!make_plan(run, im, trial, &p) || eb_interrupted()) {
		free_plan(&p);
		return;
	}
	if (!eb_nested_wrap_count(req->nested, slot, im->entry->qemu,
				  im->entry->path, p.runs, p.nruns, req->events,
				  req->nevents, argv, err, sizeof(err))) {
		fprintf(stderr, "  counters %s: %s\n", im->mode, err);
		free_plan(&p);
		return;
	}
	fprintf(stderr, "  counters %s: one L1 boot, %zu L2 runs\n", im->mode, p.nruns);
	eb_qemu_boot(argv, req->timeout_s + RUN_TIMEOUT_S * (double)p.nruns, &b);
	eb_nested_explain(req->nested, EB_NESTED_COUNT_SLOT(slot), &b);
	for (size_t v = 0; v < p.nruns / 2 && !eb_interrupted(); v++) {
		json_t *t = eb_countrun_trial(run->res, p.names[v], im->mode, trial);
		json_object_set_new(t, "counters", variant_counters(req, &p, v, &b));
	}
	eb_proto_free(b.proto);
	free_plan(&p);
}
