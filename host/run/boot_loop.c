/* SPDX-License-Identifier: MIT */
/* The boot loop of `entrybench run`: run/boot_loop.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/cli.h"
#include "lib/command.h"
#include "lib/interrupt.h"
#include "lib/progress.h"
#include "results/provenance.h"
#include "results/results.h"
#include "run/boot_loop.h"
#include "run/nested_probes.h"

bool eb_select_wanted(const struct eb_run_request *req,
		      const struct eb_trial *t, struct eb_selection *sel)
{
	sel->n = 0;
	for (size_t k = 0; k < t->nvariants; k++) {
		bool wanted = req->nwant == 0;
		for (size_t i = 0; i < req->nwant && !wanted; i++)
			wanted = strcmp(req->want[i], t->variants[k].name) == 0;
		if (wanted)
			sel->names[sel->n++] = t->variants[k].name;
	}
	return true;
}

bool eb_run_cmdline(const struct eb_run_request *req,
		    const struct eb_selection *sel, char *buf, size_t size)
{
	size_t n = snprintf(buf, size, "%s", EB_ARG_VARIANTS);

	for (size_t j = 0; j < sel->n && n < size; j++)
		n += snprintf(buf + n, size - n, "%s%s", j ? "," : "",
			      sel->names[j]);
	if (n < size)
		n += snprintf(buf + n, size - n, " %s%u %s%u %s%u",
			      EB_ARG_K, req->params.k, EB_ARG_BATCHES,
			      req->params.batches, EB_ARG_WARMUP,
			      req->params.warmup);
	if (n >= size)
		eb_error("run: the kernel command line for %zu variants exceeds "
			 "%zu bytes; select fewer variants", sel->n, size - 1);
	return n < size;
}

static json_t *argv_json(const char *const argv[])
{
	json_t *a = json_array();
	for (int i = 0; argv[i]; i++)
		json_array_append_new(a, json_string(argv[i]));
	return a;
}

/*
 * Image i's QEMU argv, with the mode's additions.  Tier nested: those are
 * L2's, the inner tier's argv that L1 runs, and the outer argv boots L1
 * (run/nested.h); L2's is recorded in environment.nested.l2_argv.
 */
static bool image_argv(struct eb_run *run, size_t i)
{
	const struct eb_run_request *req = run->req;
	const struct eb_catalog_entry *e = &run->cat->e[i];
	struct eb_run_image *im = &run->image[i];
	const char *l2[EB_QEMU_MAXARGS], **argv = req->nested ? l2 : im->qemu_argv;
	char err[512];
	int n;

	n = eb_qemu_argv(argv, req->nested ? eb_nested_l2_qemu(req->nested) :
			 e->qemu, req->nested ? eb_tier(req->tier->inner) : req->tier,
			 eb_boot_machine(req->boot),
			 req->nested ? EB_NESTED_L2_KERNEL : e->path, im->cmdline);
	if (run->mode->qemu_args)
		run->mode->qemu_args(run, argv, n);
	if (!req->nested)
		return true;
	if (!eb_nested_wrap(req->nested, i, e->qemu, e->path, l2, im->qemu_argv,
			    err, sizeof(err))) {
		eb_error("run: %s", err);
		return false;
	}
	if (im->sel.n)
		json_object_set_new(json_object_get(json_object_get(json_object_get(
			run->res, "environment"), "nested"), "l2_argv"),
			im->mode, argv_json(l2));
	return true;
}

/*
 * What image i boots: the mode's selection, kernel command line and QEMU
 * argv.  An image that runs something is recorded in the results: its
 * QEMU argv, its provenance and its variants, none of them run yet.
 */
static bool prepare_image(struct eb_run *run, size_t i, json_t *argvs)
{
	const struct eb_run_request *req = run->req;
	const struct eb_catalog_entry *e = &run->cat->e[i];
	const struct eb_trial *t = eb_proto_trial(e->list.proto);
	struct eb_run_image *im = &run->image[i];
	const struct eb_run_mode *mode = run->mode;

	*im = (struct eb_run_image){ .entry = e, .mode = t->mode };
	if (!mode->select(req, t, &im->sel) ||
	    !(mode->cmdline ? mode->cmdline : eb_run_cmdline)(
			req, &im->sel, im->cmdline, sizeof(im->cmdline)))
		return false;
	if (!image_argv(run, i))
		return false;
	if (!im->sel.n)
		return true;
	json_object_set_new(argvs, t->mode, argv_json(im->qemu_argv));
	eb_provenance_add_kernel(run->res, t->mode, e->path);
	if (req->verbose)
		eb_print_argv(stderr, im->qemu_argv);
	for (size_t j = 0; j < im->sel.n; j++)
		eb_results_add_variant(run->res, t->mode,
				       eb_trial_variant(t, im->sel.names[j]),
				       req->tier);
	return true;
}

/*
 * Boots image im for trial `trial`, says what came of it and lets the
 * mode fold it in.  False if the boot was cut short by an interrupt: no
 * result, left out.
 */
static bool boot_one(struct eb_run *run, const struct eb_run_image *im,
		     unsigned trial)
{
	struct eb_boot b;

	if (run->mode->boot)
		run->mode->boot(run, im, trial, &b);
	else
		eb_qemu_boot(im->qemu_argv, run->req->timeout_s, &b);
	if (run->req->nested)
		eb_nested_explain(run->req->nested, (size_t)(im - run->image), &b);
	if (b.outcome.verdict == EB_V_INTERRUPTED) {
		eb_proto_free(b.proto);
		return false;
	}
	eb_progress_hide();
	fprintf(stderr, "trial %u/%u %s: %s (%.2f s)%s%s\n", trial + 1,
		run->req->trials, im->mode, eb_verdict_name(b.outcome.verdict),
		b.proc.seconds, *b.outcome.why ? ": " : "", b.outcome.why);
	eb_progress_step();
	run->mode->fold(run, im, trial, &b);
	eb_proto_free(b.proto);
	run->done++;
	return true;
}

/* Each trial boots every image with a selection, in catalog order. */
static void boot_trials(struct eb_run *run)
{
	unsigned images = 0;

	for (size_t i = 0; i < run->cat->n; i++)
		images += run->image[i].sel.n > 0;
	eb_progress_begin("run", run->req->trials * images);
	for (unsigned trial = 0; trial < run->req->trials && !eb_interrupted();
	     trial++) {
		for (size_t i = 0; i < run->cat->n && !eb_interrupted(); i++) {
			if (!run->image[i].sel.n)
				continue;
			if (!boot_one(run, &run->image[i], trial))
				break;
		}
	}
	eb_progress_end();
	if (eb_interrupted()) {
		eb_results_mark_interrupted(run->res);
		eb_error("run: interrupted by SIG%s after %u boot(s)",
			 sigabbrev_np(eb_interrupted()), run->done);
	}
}

int eb_boot_loop(const struct eb_run_request *req,
		 const struct eb_run_mode *mode, const struct eb_catalog *cat,
		 json_t *res, unsigned *done)
{
	struct eb_run run = {
		.req = req, .mode = mode, .cat = cat, .res = res,
		.image = calloc(cat->n, sizeof(*run.image)),
	};
	json_t *argvs = json_object();
	bool ok;

	if (!run.image)
		abort();
	json_object_set_new(json_object_get(res, "environment"), "qemu_argv",
			    argvs);
	ok = !mode->start || mode->start(&run);
	for (size_t i = 0; ok && i < cat->n; i++)
		ok = prepare_image(&run, i, argvs);
	if (ok)
		boot_trials(&run);
	if (ok && req->nested && !eb_interrupted())
		eb_nested_run_probes(&run);
	/* under injected NMIs no figure is published: none to compare */
	if (ok && req->nested && !req->inject && !eb_interrupted())
		eb_nested_check_tcg(&run);
	if (mode->finish)
		mode->finish(&run);
	free(run.image);
	*done = run.done;
	return ok ? EB_EXIT_OK : EB_EXIT_BADUSAGE;
}
