/* SPDX-License-Identifier: MIT */
/*
 * entrybench run: boot each selected kernel image once per trial, fold the
 * guest's records into results, print the table and write the JSON.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "counters/perf_events.h"
#include "lib/cli.h"
#include "lib/command.h"
#include "lib/interrupt.h"
#include "results/environment.h"
#include "results/provenance.h"
#include "results/results.h"
#include "results/table.h"
#include "run/boot_results.h"
#include "run/counting_boots.h"
#include "run/kernel_catalog.h"
#include "run/nmi_torture.h"
#include "tiers/tier.h"
#include "tiers/tier.h"

static const char usage[] =
	"usage: entrybench run [VARIANT...] [--variants a,b] [--trials N]\n"
	"       [--accel auto|kvm|tcg] [--qemu PATH] [--timeout SECONDS]\n"
	"       [--out FILE] [--k N] [--batches N] [--warmup N]\n"
	"       [--boot pvh|multiboot] [--kernel-dir DIR] [-v]\n"
	"       [--counters] [--events E1,E2,...]\n"
	"       entrybench run --torture nmi|upcall|DESIGN [--trials N] ...\n"
	"       entrybench run --inject-nmi NMI-VARIANT [--nmi-count N]\n"
	"       [--nmi-gap-ms MS] [--nmi-seed S] [--nmi-ack-ms MS] [VARIANT...] ...\n"
	"--torture boots the x86_64 kernel with eb.torture=: the in-guest nested-NMI\n"
	"torture (nmi), or the event upcall torture (upcall), on all the designs or\n"
	"the one named, one verdict per design.  --inject-nmi makes that design the guest's\n"
	"NMI handler and injects N NMIs (default 32) through QMP while the other\n"
	"variants run, each checked on every timed trip's worth.  An NMI goes only\n"
	"after the guest acknowledged the one before, a gap later uniform in\n"
	"[1, MS] ms (default 3) from seed S (default: the time; trial i uses S+i);\n"
	"one not acknowledged within --nmi-ack-ms MS (default 2000) is lost.\n"
	"--counters (or --events, naming them; default " EB_COUNTERS_DEFAULT ")\n"
	"boots each passing variant alone twice more, with k and 2k round trips, and\n"
	"records host-side counters per round trip (KVM exits, guest-only PMU\n"
	"events), or why each one is unavailable.\n"
	"Exit status: 0 all variants passed or were skipped, 1 a check failed\n"
	"or a trial did not pass (or a torture verdict contradicts its design's\n"
	"claim, or injected NMIs were lost or corrupted something), 2 bad usage,\n"
	"128+N stopped by signal N (the completed trials are written, marked\n"
	"\"interrupted\").\n";

struct selection {
	const char *names[EB_PROTO_MAX_VARIANTS];
	size_t n;
};

static bool select_name(struct selection *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->names[i], name) == 0)
			return true;
	if (s->n == sizeof(s->names) / sizeof(s->names[0])) {
		eb_error("run: more than %zu variants named", s->n);
		return false;
	}
	s->names[s->n++] = name;
	return true;
}

/* Every requested name must exist in some image; say which ones do. */
static bool resolve(const struct selection *want, const struct eb_catalog *cat)
{
	for (size_t i = 0; i < want->n; i++) {
		bool found = false;
		for (size_t j = 0; j < cat->n && !found; j++)
			found = eb_trial_variant(eb_proto_trial(cat->e[j].list.proto),
						 want->names[i]);
		if (found)
			continue;
		fprintf(stderr, "entrybench: run: unknown variant '%s'; valid:",
			want->names[i]);
		for (size_t j = 0; j < cat->n; j++) {
			const struct eb_trial *t = eb_proto_trial(cat->e[j].list.proto);
			for (size_t k = 0; k < t->nvariants; k++)
				fprintf(stderr, " %s", t->variants[k].name);
		}
		fputc('\n', stderr);
		return false;
	}
	return true;
}

/* The variants of one image to run: the requested ones it has, or all. */
static void per_image(const struct selection *want, const struct eb_trial *t,
		      struct selection *out)
{
	out->n = 0;
	for (size_t k = 0; k < t->nvariants; k++) {
		bool wanted = want->n == 0;
		for (size_t i = 0; i < want->n && !wanted; i++)
			wanted = strcmp(want->names[i], t->variants[k].name) == 0;
		if (wanted)
			out->names[out->n++] = t->variants[k].name;
	}
}

/* The directories leading to file, like mkdir -p. */
static bool mkdirs(const char *file)
{
	char err[4200];

	if (eb_mkdirs_for(file, err, sizeof(err)))
		return true;
	eb_error("run: --out %s: %s", file, err);
	return false;
}

/* Fail before minutes of measuring, not after: can --out be written? */
static bool writable(const char *out)
{
	char err[512];
	size_t len = strlen(out);

	/* Checked here, before mkdirs() creates directories for nothing. */
	if (len == 0 || out[len - 1] == '/') {
		eb_error("run: --out '%s': expected a file name", out);
		return false;
	}
	if (!mkdirs(out))
		return false;
	if (!eb_results_probe(out, err, sizeof(err))) {
		eb_error("run: --out %s", err);
		return false;
	}
	return true;
}

/* eb.variants=a,b eb.k=... into buf; false if it does not fit. */
static bool kernel_cmdline(char *buf, size_t size, const struct selection *sel,
			   const struct eb_params *params)
{
	size_t n = snprintf(buf, size, "%s", EB_ARG_VARIANTS);

	for (size_t j = 0; j < sel->n && n < size; j++)
		n += snprintf(buf + n, size - n, "%s%s", j ? "," : "",
			      sel->names[j]);
	if (n < size)
		n += snprintf(buf + n, size - n, " %s%u %s%u %s%u",
			      EB_ARG_K, params->k, EB_ARG_BATCHES, params->batches,
			      EB_ARG_WARMUP, params->warmup);
	if (n >= size)
		eb_error("run: the kernel command line for %zu variants exceeds "
			 "%zu bytes; select fewer variants", sel->n, size - 1);
	return n < size;
}

struct options {
	struct selection want;
	unsigned trials, timeout;
	struct eb_params params;
	const char *accel, *qemu, *out, *boot, *dir;
	bool verbose;
	const char *torture;		/* --torture: nmi, upcall or one design */
	const char *inject;		/* --inject-nmi: the design handling them */
	struct eb_nmi_plan plan;	/* seed of trial 0 */
	double gap_ms;
	bool counting;			/* --counters or --events */
	char events[1024];		/* the list, split into event[] */
	const char *event[EB_COUNTERS_MAX];
	size_t nevents;
};

/* The NMI modes boot the one kernel that has the NMI designs. */
#define NMI_MODE	"x86_64"

/* Splits --events in place; every name must mean something here. */
static bool parse_events(struct options *o)
{
	char err[512];

	if (!o->counting)
		return true;
	for (char *s = o->events, *e; (e = strsep(&s, ","));) {
		if (!*e)
			continue;
		if (o->nevents == EB_COUNTERS_MAX) {
			eb_error("run: --events: more than %d events", EB_COUNTERS_MAX);
			return false;
		}
		o->event[o->nevents++] = e;
	}
	if (!o->nevents) {
		eb_error("run: --events names no event");
		return false;
	}
	if (!eb_countrun_check(o->event, o->nevents, err, sizeof(err))) {
		eb_error("run: --events: %s", err);
		return false;
	}
	return true;
}

static int parse(int argc, char **argv, struct options *o)
{
	static const struct option opts[] = {
		{ "variants", required_argument, NULL, 'V' },
		{ "trials", required_argument, NULL, 'n' },
		{ "accel", required_argument, NULL, 'a' },
		{ "qemu", required_argument, NULL, 'q' },
		{ "timeout", required_argument, NULL, 't' },
		{ "out", required_argument, NULL, 'o' },
		{ "k", required_argument, NULL, 'k' },
		{ "batches", required_argument, NULL, 'b' },
		{ "warmup", required_argument, NULL, 'w' },
		{ "boot", required_argument, NULL, 'B' },
		{ "kernel-dir", required_argument, NULL, 'd' },
		{ "torture", required_argument, NULL, 'T' },
		{ "inject-nmi", required_argument, NULL, 'I' },
		{ "nmi-count", required_argument, NULL, 'c' },
		{ "nmi-gap-ms", required_argument, NULL, 'g' },
		{ "nmi-seed", required_argument, NULL, 's' },
		{ "nmi-ack-ms", required_argument, NULL, 'A' },
		{ "counters", no_argument, NULL, 'C' },
		{ "events", required_argument, NULL, 'E' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	int c;
	bool ok = true;
	unsigned gap = 3, seed = 0, ack = 2000;
	bool seeded = false;
	const char *nmi_opt = NULL;	/* the last --nmi-* option given */

	*o = (struct options){
		.trials = 3, .timeout = 30,
		.params = { EB_DEFAULT_K, EB_DEFAULT_BATCHES, EB_DEFAULT_WARMUP },
		.accel = "auto", .out = "results/latest.json", .boot = "pvh",
		.plan = { .count = 32 },
	};
	while (ok && (c = eb_getopt_long(argc, argv, "o:vh", opts, NULL)) != -1) {
		switch (c) {
		case 'V':
			/* An empty list is a mistake, not "everything". */
			if (!optarg[strspn(optarg, ",")]) {
				eb_error("run: --variants '%s': no variant named",
					 optarg);
				ok = false;
			}
			for (char *s = optarg, *name; ok && (name = strsep(&s, ","));)
				ok = !*name || select_name(&o->want, name);
			break;
		case 'n': ok = eb_parse_uint("--trials", optarg, 1, 10000, &o->trials); break;
		case 't': ok = eb_parse_uint("--timeout", optarg, 1, 86400, &o->timeout); break;
		case 'k': ok = eb_parse_uint("--k", optarg, 1, EB_MAX_K, &o->params.k); break;
		case 'b': ok = eb_parse_uint("--batches", optarg, 1, EB_MAX_BATCHES,
					     &o->params.batches); break;
		case 'w': ok = eb_parse_uint("--warmup", optarg, 0, EB_MAX_K,
					     &o->params.warmup); break;
		case 'a': o->accel = optarg; break;
		case 'q': o->qemu = optarg; break;
		case 'o': o->out = optarg; break;
		case 'B': o->boot = optarg; break;
		case 'd': o->dir = optarg; break;
		case 'T': o->torture = optarg; break;
		case 'I': o->inject = optarg; break;
		case 'c': nmi_opt = "--nmi-count";
			  ok = eb_parse_uint("--nmi-count", optarg, 1, EB_MAX_NMI_COUNT,
					     &o->plan.count); break;
		case 'g': nmi_opt = "--nmi-gap-ms";
			  ok = eb_parse_uint("--nmi-gap-ms", optarg,
					     EB_NMI_GAP_MIN_MS, 1000, &gap); break;
		case 's': nmi_opt = "--nmi-seed";
			  ok = eb_parse_uint("--nmi-seed", optarg, 0, 4000000000u,
					     &seed);
			  seeded = true; break;
		case 'A': nmi_opt = "--nmi-ack-ms";
			  ok = eb_parse_uint("--nmi-ack-ms", optarg, 10, 600000,
					     &ack); break;
		case 'C':
			if (!o->counting)
				snprintf(o->events, sizeof(o->events), "%s",
					 EB_COUNTERS_DEFAULT);
			o->counting = true;
			break;
		case 'E':
			if (strlen(optarg) >= sizeof(o->events)) {
				eb_error("run: --events: list too long");
				ok = false;
			}
			snprintf(o->events, sizeof(o->events), "%s", optarg);
			o->counting = true;
			break;
		case 'v': o->verbose = true; break;
		case 'h': fputs(usage, stdout); return EB_EXIT_OK;
		default: fputs(usage, stderr); return EB_EXIT_BADUSAGE;
		}
	}
	for (int i = optind; ok && i < argc; i++)
		ok = select_name(&o->want, argv[i]);
	o->gap_ms = o->plan.gap_max_ms = gap;
	o->plan.ack_timeout_ms = ack;
	/* Unseeded: the time, recorded in the results like any seed. */
	o->plan.seed = seeded ? seed : (unsigned long)time(NULL);
	o->params.nmi_injected = o->inject != NULL;
	if (ok && o->torture && (o->inject || o->want.n)) {
		eb_error("run: --torture takes no variants and no --inject-nmi: "
			 "it runs the torture's designs only");
		ok = false;
	}
	if (ok && nmi_opt && !o->inject) {
		eb_error("run: %s only means something with --inject-nmi", nmi_opt);
		ok = false;
	}
	if (ok && o->counting && (o->torture || o->inject)) {
		eb_error("run: --counters counts the variants' round trips; it "
			 "does not combine with --torture or --inject-nmi");
		ok = false;
	}
	return ok && parse_events(o) ? -1 : EB_EXIT_BADUSAGE;
}

static json_t *parameters(const struct options *o)
{
	json_t *p = json_pack("{s:i, s:i, s:i, s:i, s:s, s:s, s:i}",
			      "k", o->params.k, "batches", o->params.batches,
			      "warmup", o->params.warmup, "trials", o->trials,
			      "accel", o->accel, "boot", o->boot,
			      "timeout_s", o->timeout);
	if (o->nevents) {
		json_t *e = json_array();
		for (size_t i = 0; i < o->nevents; i++)
			json_array_append_new(e, json_string(o->event[i]));
		json_object_set_new(p, "counters", e);
	}
	if (o->torture)
		json_object_set_new(p, "torture", json_string(o->torture));
	if (o->inject)
		json_object_set_new(p, "inject_nmi", json_pack(
			"{s:s, s:i, s:f, s:f, s:I}", "design", o->inject,
			"count", (int)o->plan.count, "gap_max_ms", o->gap_ms,
			"ack_timeout_ms", o->plan.ack_timeout_ms,
			"seed", (json_int_t)o->plan.seed));
	return p;
}

/* A variant of the NMI family, as the guest's list boot declared it. */
static bool nmi_design(const struct eb_trial *t, const char *name)
{
	const struct eb_variant *v = eb_trial_variant(t, name);

	return v && v->family && strcmp(v->family, EB_FAMILY_NMI) == 0;
}

/*
 * The torture --torture X runs: X itself (nmi, upcall), or the one whose
 * design X is (an NMI design; a variant whose list record says
 * torture=upcall); NULL if X is neither.
 */
static const char *torture_of(const struct eb_trial *t, const char *x)
{
	const struct eb_variant *v = eb_trial_variant(t, x);

	if (strcmp(x, EB_FAMILY_NMI) == 0 || strcmp(x, EB_TORTURE_UPCALL) == 0)
		return x;
	if (nmi_design(t, x))
		return EB_FAMILY_NMI;
	return v ? v->torture : NULL;
}

/* A design of torture `what` (nmi, upcall) in this image */
static bool torture_design(const struct eb_trial *t, const char *name,
			   const char *what)
{
	const char *of = torture_of(t, name);

	return strcmp(name, what) != 0 && of && strcmp(of, what) == 0;
}

/* --torture's selection: every design of the torture, or the one named */
static bool torture_selection(const char *design, const struct eb_trial *t,
			      struct selection *sel)
{
	const char *what = torture_of(t, design);

	if (!what) {
		fprintf(stderr, "entrybench: run: --torture takes nmi or the name "
			"of an NMI design (or upcall, or an upcall design) of the "
			"%s kernel, not '%s'; valid:", NMI_MODE, design);
		for (size_t k = 0; k < t->nvariants; k++)
			if (torture_of(t, t->variants[k].name))
				fprintf(stderr, " %s", t->variants[k].name);
		fputc('\n', stderr);
		return false;
	}
	for (size_t k = 0; k < t->nvariants; k++)
		if (strcmp(design, what) == 0 ?
		    torture_design(t, t->variants[k].name, what) :
		    strcmp(design, t->variants[k].name) == 0)
			sel->names[sel->n++] = t->variants[k].name;
	return true;
}

/*
 * The selection of one image in the NMI modes: --torture runs a torture's
 * designs (all, or the one named), --inject-nmi the variants asked for or
 * all but the NMI designs, which would compete for the NMI gate.  Other
 * images run nothing; a name they alone have is a usage error.
 */
static bool nmi_selection(const struct options *o, const struct eb_trial *t,
			  struct selection *sel)
{
	bool ours = strcmp(t->mode, NMI_MODE) == 0;
	const char *design = o->torture ? o->torture : o->inject;

	sel->n = 0;
	if (!ours)
		return true;
	if (o->torture)
		return torture_selection(design, t, sel);
	if (!nmi_design(t, design)) {
		fprintf(stderr, "entrybench: run: --inject-nmi takes the name of an "
			"NMI design of the %s kernel, not '%s'; valid:", NMI_MODE,
			design);
		for (size_t k = 0; k < t->nvariants; k++)
			if (nmi_design(t, t->variants[k].name))
				fprintf(stderr, " %s", t->variants[k].name);
		fputc('\n', stderr);
		return false;
	}
	for (size_t i = 0; i < o->want.n; i++) {
		if (!eb_trial_variant(t, o->want.names[i])) {
			eb_error("run: --inject-nmi boots the %s kernel only, which "
				 "has no variant '%s'", NMI_MODE, o->want.names[i]);
			return false;
		}
	}
	per_image(&o->want, t, sel);
	if (!o->want.n) {
		size_t n = 0;
		for (size_t k = 0; k < sel->n; k++)
			if (!nmi_design(t, sel->names[k]))
				sel->names[n++] = sel->names[k];
		sel->n = n;
	}
	return true;
}

/* The kernel command line of the NMI modes, after the usual one. */
static bool nmi_cmdline(char *buf, size_t size, const struct options *o)
{
	size_t n = strlen(buf);
	int r = o->torture ?
		snprintf(buf, size, "%s%s", EB_ARG_TORTURE, o->torture) :
		snprintf(buf + n, size - n, " %s%s %s%u", EB_ARG_NMI, o->inject,
			 EB_ARG_NMI_COUNT, o->plan.count);
	return r > 0 && (size_t)r < size - (o->torture ? 0 : n);
}

/* A private directory for QEMU's QMP and NMI ack sockets: nobody else can
 * reach them. */
static bool nmi_dir(char *dir, size_t dsize, struct eb_nmi_chan *chan)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, dsize, "%s/entrybench-qmp-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		eb_error("run: cannot create a directory for the QMP and ack sockets "
			 "(%s): %s; set TMPDIR", dir, strerror(errno));
		return false;
	}
	eb_nmi_chan_init(chan, dir);
	/* sun_path: 108 bytes on Linux */
	if (strlen(chan->ack) >= sizeof(((struct sockaddr_un *)0)->sun_path)) {
		eb_error("run: socket path %s is too long for a Unix socket; set "
			 "TMPDIR to a shorter directory", chan->ack);
		rmdir(dir);
		return false;
	}
	return true;
}

static json_t *argv_json(const char *const argv[])
{
	json_t *a = json_array();
	for (int i = 0; argv[i]; i++)
		json_array_append_new(a, json_string(argv[i]));
	return a;
}

static int measure(int argc, char **argv, const struct options *o,
		   const struct eb_tier *tier, const char *why,
		   const struct eb_catalog *cat)
{
	struct selection sel[cat->n];
	const char *qargv[cat->n][EB_QEMU_MAXARGS];
	char cmdline[cat->n][4096];
	char err[512] = "";

	json_t *env = eb_env_collect(cat->e[0].qemu, tier, why, err, sizeof(err));
	if (!env) {
		if (!eb_interrupted())
			eb_error("%s", err);
		return EB_EXIT_FAILED;
	}
	json_t *argvs = json_object();
	json_object_set_new(env, "qemu_argv", argvs);
	json_t *res = eb_results_new(argc, argv, env, parameters(o));

	bool nmi_mode = o->torture || o->inject;
	char qdir[4096] = "";
	struct eb_nmi_chan chan;

	if (o->inject && !nmi_dir(qdir, sizeof(qdir), &chan)) {
		json_decref(res);
		return EB_EXIT_BADUSAGE;
	}
	for (size_t i = 0; i < cat->n; i++) {
		const struct eb_trial *t = eb_proto_trial(cat->e[i].list.proto);

		if (nmi_mode && !nmi_selection(o, t, &sel[i])) {
			json_decref(res);
			if (*qdir)
				rmdir(qdir);
			return EB_EXIT_BADUSAGE;
		}
		if (!nmi_mode)
			per_image(&o->want, t, &sel[i]);
		if (!kernel_cmdline(cmdline[i], sizeof(cmdline[i]), &sel[i],
				    &o->params) ||
		    (nmi_mode && !nmi_cmdline(cmdline[i], sizeof(cmdline[i]), o))) {
			json_decref(res);
			if (*qdir)
				rmdir(qdir);
			return EB_EXIT_BADUSAGE;
		}
		int na = eb_qemu_argv(qargv[i], cat->e[i].qemu, tier,
				      eb_boot_machine(o->boot), cat->e[i].path,
				      cmdline[i]);
		if (o->inject)
			eb_qemu_argv_nmi(qargv[i], na, &chan);
		if (sel[i].n) {
			json_object_set_new(argvs, t->mode, argv_json(qargv[i]));
			eb_provenance_add_kernel(res, t->mode, cat->e[i].path);
		}
		if (o->verbose && sel[i].n)
			eb_print_argv(stderr, qargv[i]);
		for (size_t j = 0; j < sel[i].n; j++)
			eb_results_add_variant(res, t->mode,
					       eb_trial_variant(t, sel[i].names[j]),
					       tier);
	}

	unsigned done = 0;	/* boots folded into res */
	for (unsigned trial = 0; trial < o->trials && !eb_interrupted(); trial++) {
		for (size_t i = 0; i < cat->n && !eb_interrupted(); i++) {
			const char *mode = eb_proto_trial(cat->e[i].list.proto)->mode;
			struct eb_boot b;

			struct eb_nmi_plan plan = o->plan;
			struct eb_nmi_log log = { 0 };

			if (!sel[i].n)
				continue;
			plan.seed += trial;
			if (o->inject)
				eb_qemu_boot_nmi(qargv[i], o->timeout, &chan, &plan,
						 &log, &b);
			else
				eb_qemu_boot(qargv[i], o->timeout, &b);
			if (b.outcome.verdict == EB_V_INTERRUPTED) {
				/* A boot cut short is no result: leave it out. */
				eb_proto_free(b.proto);
				eb_nmi_log_free(&log);
				break;
			}
			fprintf(stderr, "trial %u/%u %s: %s (%.2f s)%s%s\n",
				trial + 1, o->trials, mode,
				eb_verdict_name(b.outcome.verdict), b.proc.seconds,
				*b.outcome.why ? ": " : "", b.outcome.why);
			if (o->torture)
				eb_torture_fold(res, mode, trial, &b, sel[i].names,
						sel[i].n);
			else
				eb_fold(res, tier, mode, trial, &b, &o->params,
					sel[i].names, sel[i].n);
			if (o->nevents) {
				struct eb_countrun job = {
					.qemu = cat->e[i].qemu, .image = cat->e[i].path,
					.machine = eb_boot_machine(o->boot),
					.tier = tier, .params = &o->params,
					.timeout_s = o->timeout,
					.events = o->event, .nevents = o->nevents,
				};
				eb_countrun_fold(res, mode, trial, &job,
						 sel[i].names, sel[i].n);
			}
			if (o->inject)
				fprintf(stderr, "  NMIs: %s (seed %lu, %u injected, "
					"%u acks)\n", eb_nmi_fold(res, trial, &b,
					o->inject, &plan, &log), plan.seed,
					log.injected, log.acks);
			eb_proto_free(b.proto);
			eb_nmi_log_free(&log);
			done++;
		}
	}
	if (eb_interrupted()) {
		eb_results_mark_interrupted(res);
		eb_error("run: interrupted by SIG%s after %u boot(s)",
			 sigabbrev_np(eb_interrupted()), done);
	}
	eb_results_finish(res);
	if (*qdir)
		rmdir(qdir);

	/* The results first: what is measured must not hang on the terminal. */
	int rc = EB_EXIT_OK;
	bool wrote = false;
	if (!done) {
		eb_error("run: no trial completed; %s left as it was", o->out);
	} else if (!mkdirs(o->out) ||
		   !eb_results_write(res, o->out, err, sizeof(err))) {
		if (*err)
			eb_error("%s", err);
		rc = EB_EXIT_BADUSAGE;
	} else {
		wrote = true;
	}
	if (eb_table_print(stdout, res) && rc == EB_EXIT_OK)
		rc = EB_EXIT_FAILED;
	if (wrote)
		printf("\nwrote %s%s\n", o->out,
		       eb_interrupted() ? " (interrupted: incomplete)" : "");
	if (o->verbose) {
		/* Ours alone, not QEMU's: what guest output can cost us. */
		struct rusage ru;
		getrusage(RUSAGE_SELF, &ru);
		fprintf(stderr, "entrybench: peak RSS %ld KiB\n", ru.ru_maxrss);
	}
	json_decref(res);
	return rc;
}

static int run(int argc, char **argv)
{
	struct options o;
	int rc = parse(argc, argv, &o);
	char why[512];

	if (rc >= 0)
		return rc;
	const struct eb_tier *tier = eb_tier_choose(o.accel, "", why, sizeof(why));
	if (!tier) {
		eb_error("%s", why);
		return EB_EXIT_BADUSAGE;
	}
	if (!writable(o.out))
		return EB_EXIT_BADUSAGE;
	if (o.verbose)
		fprintf(stderr, "accelerator: %s\n", why);

	struct eb_catalog cat;
	rc = eb_catalog_load(&cat, o.qemu, eb_kernel_dir(o.dir), o.boot,
			     o.timeout, o.verbose);
	/* main() passes argv + 1, so argv[-1] is the program name. */
	if (rc == EB_EXIT_OK)
		rc = resolve(&o.want, &cat) ?
		     measure(argc + 1, argv - 1, &o, tier, why, &cat) :
		     EB_EXIT_BADUSAGE;
	eb_catalog_free(&cat);
	return rc;
}

EB_COMMAND("run", run, "measure variants and write a results file");
