/* SPDX-License-Identifier: MIT */
/*
 * run --inject-nmi DESIGN: the x86_64 kernel with DESIGN as its NMI
 * handler, its variants checked and timed while the host injects NMIs
 * through QMP (run/nmi_injector.c); each boot folded into the variants'
 * trials and one injection verdict (run/nmi_torture.c).  Tier nested:
 * L1's /init injects into L2 (run/nested_inject.h), the paths in L2's argv
 * are L1's, and the host folds L1's log the same way.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/cli.h"
#include "run/modes.h"
#include "run/nested_inject.h"
#include "run/nmi_torture.h"

/* What the injection keeps from its start to its finish. */
struct injection {
	struct eb_nmi_chan chan;	/* every boot's QMP and ack sockets */
	struct eb_nmi_plan plan;	/* the last boot's, its seed the trial's */
	struct eb_nmi_log log;		/* what came of it */
};

static bool start_injection(struct eb_run *run)
{
	struct injection *in = calloc(1, sizeof(*in));
	char err[8600];

	if (!in)
		abort();
	if (run->req->nested) {
		/* L2's QEMU and its sockets are in L1 */
		snprintf(in->chan.qmp, sizeof(in->chan.qmp), EB_NESTED_QMP_SOCK);
		snprintf(in->chan.ack, sizeof(in->chan.ack), EB_NESTED_ACK_SOCK);
		eb_nested_inject(run->req->nested);
	} else if (!eb_nmi_chan_create(&in->chan, err, sizeof(err))) {
		eb_error("run: %s", err);
		free(in);
		return false;
	}
	run->mode_state = in;
	return true;
}

/*
 * The variants asked for, or all but the NMI designs, which would compete
 * for the NMI gate, of the x86_64 kernel.  Other images run nothing; a
 * name they alone have is a usage error.
 */
static bool select_under_nmis(const struct eb_run_request *req,
			      const struct eb_trial *t, struct eb_selection *sel)
{
	size_t n = 0;

	sel->n = 0;
	if (strcmp(t->mode, EB_NMI_KERNEL) != 0)
		return true;
	if (!eb_nmi_design_check(t, "--inject-nmi", req->inject, false))
		return false;
	for (size_t i = 0; i < req->nwant; i++) {
		if (!eb_trial_variant(t, req->want[i])) {
			eb_error("run: --inject-nmi boots the %s kernel only, which "
				 "has no variant '%s'", EB_NMI_KERNEL, req->want[i]);
			return false;
		}
	}
	eb_select_wanted(req, t, sel);
	if (req->nwant)
		return true;
	for (size_t k = 0; k < sel->n; k++)
		if (!eb_nmi_design(t, sel->names[k]))
			sel->names[n++] = sel->names[k];
	sel->n = n;
	return true;
}

/* The variants' command line, then which design handles how many NMIs. */
static bool inject_cmdline(const struct eb_run_request *req,
			   const struct eb_selection *sel, char *buf,
			   size_t size)
{
	if (!eb_run_cmdline(req, sel, buf, size))
		return false;
	size_t len = strlen(buf);
	int n = snprintf(buf + len, size - len, " %s%s %s%u", EB_ARG_NMI,
			 req->inject, EB_ARG_NMI_COUNT, req->plan.count);
	if (n < 0 || (size_t)n >= size - len) {
		eb_error("run: the kernel command line for %zu variants and "
			 "--inject-nmi exceeds %zu bytes; select fewer variants",
			 sel->n, size - 1);
		return false;
	}
	return true;
}

/* QEMU's QMP socket and the ack channel. */
static void inject_qemu_args(struct eb_run *run, const char **argv, int n)
{
	struct injection *in = run->mode_state;

	eb_qemu_argv_nmi(argv, n, &in->chan);
}

/* L1 injects: the plan to it, a plain boot, L1's log back. */
static void boot_nested(struct eb_run *run, size_t slot, struct injection *in,
			struct eb_boot *b)
{
	const struct eb_nested *n = run->req->nested;
	char err[512];

	if (!eb_nested_nmi_write_plan(n, slot, &in->plan, err, sizeof(err))) {
		*b = (struct eb_boot){ .proto = eb_proto_new() };
		eb_proto_finish(b->proto);
		b->outcome.verdict = EB_V_ERROR;
		snprintf(b->outcome.why, sizeof(b->outcome.why), "%s", err);
		in->log = (struct eb_nmi_log){ 0 };
		snprintf(in->log.error, sizeof(in->log.error), "%.200s", err);
		return;
	}
	eb_qemu_boot(run->image[slot].qemu_argv, run->req->timeout_s, b);
	eb_nested_nmi_read_log(n, slot, &in->plan, &in->log);
}

/* Trial i's NMIs come from seed S+i. */
static void boot_under_nmis(struct eb_run *run, const struct eb_run_image *im,
			    unsigned trial, struct eb_boot *b)
{
	struct injection *in = run->mode_state;

	eb_nmi_log_free(&in->log);	/* the last boot's, folded or not */
	in->plan = run->req->plan;
	in->plan.seed += trial;
	if (run->req->nested) {
		boot_nested(run, (size_t)(im - run->image), in, b);
		return;
	}
	eb_qemu_boot_nmi(im->qemu_argv, run->req->timeout_s, &in->chan,
			 &in->plan, &in->log, b);
}

/* The variants' trials, then the injection's verdict. */
static void fold_injection(struct eb_run *run, const struct eb_run_image *im,
			   unsigned trial, const struct eb_boot *b)
{
	struct injection *in = run->mode_state;

	eb_fold(run->res, run->req->tier, im->mode, trial, b, &run->req->params,
		im->sel.names, im->sel.n);
	fprintf(stderr, "  NMIs: %s (seed %lu, %u injected, %u acks)\n",
		eb_nmi_fold(run->res, trial, b, run->req->inject, &in->plan,
			    &in->log), in->plan.seed, in->log.injected,
		in->log.acks);
}

static void finish_injection(struct eb_run *run)
{
	struct injection *in = run->mode_state;

	if (!in)
		return;		/* it did not start */
	eb_nmi_log_free(&in->log);
	if (*in->chan.dir)
		eb_nmi_chan_remove(&in->chan);
	free(in);
	run->mode_state = NULL;
}

const struct eb_run_mode eb_mode_inject = {
	.name = "inject-nmi",
	.start = start_injection,
	.select = select_under_nmis,
	.cmdline = inject_cmdline,
	.qemu_args = inject_qemu_args,
	.boot = boot_under_nmis,
	.fold = fold_injection,
	.finish = finish_injection,
};
