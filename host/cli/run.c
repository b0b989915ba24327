/* SPDX-License-Identifier: MIT */
/*
 * entrybench run: options into a request, the tier and the catalog of
 * kernel images, then the boot loop (run/boot_loop.c) in the mode asked
 * for (run/modes.h); the results file written, the table printed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "counters/perf_events.h"
#include "lib/array.h"
#include "lib/cli.h"
#include "lib/command.h"
#include "lib/interrupt.h"
#include "lib/options.h"
#include "results/environment.h"
#include "results/results.h"
#include "results/table.h"
#include "run/boot_loop.h"
#include "run/counting_boots.h"
#include "run/kernel_catalog.h"
#include "run/kernel_images.h"
#include "run/linux_run.h"
#include "run/modes.h"
#include "run/nested.h"
#include "run/nested_probes.h"
#include "tiers/linux.h"
#include "tiers/tier.h"

/* --guest linux's results file, unless --out says otherwise. */
#define LINUX_OUT	"results/linux.json"

static const struct eb_usage usage = {
	.cmd = "run",
	.synopsis = "[VARIANT...] [options]\n"
		    "   or: entrybench run --torture nmi|upcall|DESIGN [options]\n"
		    "   or: entrybench run --inject-nmi DESIGN [options] [VARIANT...]\n"
		    "   or: entrybench run --guest linux [--linux-append ARGS]... [options] [PROBE...]",
	.text = "A trial boots once each kernel image that has a variant to run.\n"
		"--guest linux boots a real Linux kernel instead (tier linux): once\n"
		"per column (a CPU model and a kernel command line) and trial, --jobs\n"
		"at a time; its variants are the probes of linux-guest/.\n"
		"--torture runs a torture's designs only (nmi or upcall); --inject-nmi\n"
		"makes DESIGN the "
		"guest's NMI handler and checks the other variants on every timed\n"
		"trip's worth while NMIs arrive: each goes only after the guest\n"
		"acknowledged the one before, and one without an ack in time is lost.\n"
		"--counters records KVM exits and guest-only PMU events per round\n"
		"trip, or why each one is unavailable.\n"
		"Exit status: 0 all variants passed or were skipped, 1 a check failed\n"
		"or a trial did not pass (or a torture verdict contradicts its design's\n"
		"claim, or injected NMIs were lost or corrupted something), 2 bad usage,\n"
		"128+N stopped by signal N (the completed trials are written, marked\n"
		"\"interrupted\").\n",
};

struct options {
	const char *want[EB_PROTO_MAX_VARIANTS];
	struct eb_names variants;	/* --variants and the operands, in want */
	unsigned trials, timeout;
	struct eb_params params;
	const char *accel, *qemu, *out, *boot, *dir;
	bool verbose;
	const char *torture;		/* --torture: nmi, upcall or one design */
	const char *inject;		/* --inject-nmi: the design handling them */
	struct eb_nmi_plan plan;	/* seed of trial 0 */
	unsigned gap_ms, ack_ms;
	const char *nmi_option;		/* an --nmi-* option given, or NULL */
	bool counters;			/* --counters */
	const char *event_list;		/* --events */
	char events[1024];		/* the list counted, split into event[] */
	const char *event[EB_COUNTERS_MAX];
	size_t nevents;
	const char *guest;		/* --guest: bench or linux */
	struct eb_linux_options lx;	/* --linux-*, --jobs */
	char append[EB_LINUX_MAX_APPEND][EB_LINUX_MAX_APPEND_LEN + 1];
	unsigned cpus;			/* --linux-cpu: bit i for eb_linux_cpus[i] */
	const char *linux_option;	/* a --linux-* option given, or NULL */
	const char *linux_modules;	/* --linux-modules: nested L1's */
	const char *not_for_nested;	/* a --linux-* option L1 does not take */
	unsigned seen_trials, seen_timeout, seen_out;
};

/* --nmi-seed: its default, the time, is no number for the usage to show. */
static bool set_seed(void *ctx, const char *arg)
{
	struct eb_nmi_plan *plan = ctx;
	char *end;

	errno = 0;
	unsigned long v = strtoul(arg, &end, 10);
	if (errno || end == arg || *end || arg[0] == '-' || v > 4000000000u) {
		eb_option_error("run", "--nmi-seed %s: expected an integer in "
				"0..4000000000", arg);
		return false;
	}
	plan->seed = v;
	return true;
}

/*
 * Which option of the linux tier was given, for the error without --guest
 * linux; from the third on, those the nested tier's L1 does not take.
 */
static const char *linux_option_seen(const struct eb_option *opts, size_t from)
{
	static const char *const names[] = {
		"linux-kernel", "linux-modules", "linux-system-map",
		"linux-append", "linux-cpu", "jobs",
	};

	for (size_t i = from; i < N_OF(names); i++)
		if (eb_option_seen(opts, names[i]))
			return names[i];
	return NULL;
}

/* Which --nmi-* option was given, for the error if --inject-nmi was not. */
static const char *nmi_option_seen(const struct eb_option *opts)
{
	static const char *const names[] = {
		"nmi-count", "nmi-gap-ms", "nmi-seed", "nmi-ack-ms",
	};

	for (size_t i = 0; i < N_OF(names); i++)
		if (eb_option_seen(opts, names[i]))
			return names[i];
	return NULL;
}

/* --linux-append: one command line each time, normalised, each once. */
static bool add_append(void *ctx, const char *arg)
{
	struct options *o = ctx;
	struct eb_linux_options *lo = &o->lx;
	char *buf = o->append[lo->nappend], why[512];

	if (lo->nappend == EB_LINUX_MAX_APPEND) {
		eb_option_error("run", "--linux-append: more than %d command lines",
				EB_LINUX_MAX_APPEND);
		return false;
	}
	if (!eb_linux_append_normalise(arg, buf, sizeof(o->append[0]), why,
				       sizeof(why))) {
		eb_option_error("run", "%s", why);
		return false;
	}
	for (size_t i = 0; i < lo->nappend; i++)
		if (strcmp(lo->append[i], buf) == 0)
			return true;
	lo->append[lo->nappend++] = buf;
	return true;
}

/* What every mode takes; into opts, returning how many. */
static size_t general_options(struct options *o, struct eb_option *opts)
{
	const struct eb_option t[] = {
		EB_OPT_LIST("variants", &o->variants, "a,b",
			    "the variants to run, as VARIANT operands do "
			    "(default: all)"),
		EB_OPT_UINT("trials", 0, &o->trials, 1, 10000, "N",
			    "boots of each kernel image (--guest linux: of each "
			    "column, default 1)"),
		EB_OPT_CHOICE("accel", &o->accel, eb_tier_accel_names(), "ACCEL",
			      "the measurement tier; -v says why auto chose one"),
		EB_OPT_STRING("qemu", 0, &o->qemu, "PATH",
			      "QEMU binary (default: each image's, from PATH)"),
		EB_OPT_UINT("timeout", 0, &o->timeout, 1, 86400, "SECONDS",
			    "per boot (--guest linux: default 60)"),
		EB_OPT_STRING("out", 'o', &o->out, "FILE", "the results file "
			      "(--guest linux: default " LINUX_OUT ")"),
		EB_OPT_UINT("k", 0, &o->params.k, 1, EB_MAX_K, "N",
			    "round trips per timed batch"),
		EB_OPT_UINT("batches", 0, &o->params.batches, 1, EB_MAX_BATCHES,
			    "N", "timed batches per variant"),
		EB_OPT_UINT("warmup", 0, &o->params.warmup, 0, EB_MAX_K, "N",
			    "untimed round trips first"),
		EB_OPT_CHOICE("boot", &o->boot, eb_boot_names, "PROTOCOL",
			      "how QEMU loads the kernel"),
		EB_OPT_STRING("kernel-dir", 0, &o->dir, "DIR", "the kernel images "
			      "(default: $ENTRYBENCH_KERNEL_DIR, else this build's)"),
		EB_OPT_BOOL("verbose", 'v', &o->verbose, "say how the tier was "
			    "chosen, print each QEMU command line and our peak RSS"),
	};
	memcpy(opts, t, sizeof(t));
	return N_OF(t);
}

/* The NMI modes' and the counters' options; into opts, returning how many. */
static size_t mode_options(struct options *o, struct eb_option *opts)
{
	const struct eb_option t[] = {
		EB_OPT_GROUP("Tortures"),
		EB_OPT_STRING("torture", 0, &o->torture, "nmi|upcall|DESIGN",
			      "boot the " EB_NMI_KERNEL " kernel with eb.torture=: "
			      "the in-guest nested-NMI torture (nmi) or the event "
			      "upcall torture (upcall) of every design, or of DESIGN; "
			      "one verdict per design; no variants"),
		EB_OPT_GROUP("NMI injection"),
		EB_OPT_STRING("inject-nmi", 0, &o->inject, "DESIGN",
			      "DESIGN handles NMIs the host injects through QMP "
			      "while the variants run (default: all but the NMI "
			      "designs)"),
		EB_OPT_UINT("nmi-count", 0, &o->plan.count, 1, EB_MAX_NMI_COUNT,
			    "N", "NMIs per boot"),
		EB_OPT_UINT("nmi-gap-ms", 0, &o->gap_ms, EB_NMI_GAP_MIN_MS, 1000,
			    "MS", "each NMI a gap uniform in [1, MS] ms after "
			    "the previous one's ack"),
		EB_OPT_CALLBACK("nmi-seed", 0, set_seed, &o->plan, "S",
				"seed of the gaps (default: the time); trial i "
				"uses S+i"),
		EB_OPT_UINT("nmi-ack-ms", 0, &o->ack_ms, 10, 600000, "MS",
			    "an NMI not acknowledged within MS ms is lost"),
		EB_OPT_GROUP("host-side counters"),
		EB_OPT_BOOL("counters", 0, &o->counters, "boot each passing "
			    "variant alone twice more, with k and 2k round trips, "
			    "and count per round trip"),
		EB_OPT_STRING("events", 0, &o->event_list, "E1,E2,...",
			      "count these (libpfm4 names, tracepoints); implies "
			      "--counters (default " EB_COUNTERS_DEFAULT ")"),
	};
	memcpy(opts, t, sizeof(t));
	return N_OF(t);
}

/* --guest linux and its options; into opts, returning how many. */
static size_t linux_options(struct options *o, struct eb_option *opts)
{
	const struct eb_option t[] = {
		EB_OPT_GROUP("a real Linux kernel (tier linux)"),
		EB_OPT_CHOICE("guest", &o->guest, eb_tier_guest_names(), "GUEST",
			      "linux: boot a Linux kernel with the probes of "
			      "linux-guest/ instead of the bench kernel"),
		EB_OPT_STRING("linux-kernel", 0, &o->lx.kernel, "PATH",
			      "a bzImage or vmlinux (default: Debian's, from the "
			      "cache " EB_LINUX_FETCH " fills)"),
		EB_OPT_STRING("linux-system-map", 0, &o->lx.system_map, "PATH",
			      "its System.map, checked against it and recorded"),
		EB_OPT_STRING("linux-modules", 0, &o->linux_modules, "DIR",
			      "--accel nested: --linux-kernel's modules, its "
			      "lib/modules/<release> (default: beside the "
			      "kernel or one level up)"),
		EB_OPT_CALLBACK("linux-append", 0, add_append, o, "ARGS",
				"a kernel command line: one column each time "
				"(default: none, mitigations=off, pti=on, "
				"spectre_v2=off)"),
		EB_OPT_CHOICES("linux-cpu", &o->cpus, eb_linux_cpu_names, "a,b",
			       "the CPU models, a column each per command line "
			       "(default: amd,intel)"),
		EB_OPT_UINT("jobs", 'j', &o->lx.jobs, 1, 64, "N",
			    "QEMUs at a time (default: the CPUs online)"),
	};
	memcpy(opts, t, sizeof(t));
	return N_OF(t);
}

static enum eb_parse_result parse_options(int argc, char **argv,
					  struct options *o, int *first)
{
	struct eb_option opts[64];
	size_t n = 0;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);

	*o = (struct options){
		.variants = { .name = o->want, .max = N_OF(o->want) },
		.trials = 3, .timeout = 30,
		.params = { EB_DEFAULT_K, EB_DEFAULT_BATCHES, EB_DEFAULT_WARMUP },
		.accel = "auto", .out = "results/latest.json", .boot = "pvh",
		/* Unseeded: the time, recorded in the results like any seed. */
		.plan = { .count = 32, .seed = (unsigned long)time(NULL) },
		.gap_ms = 3, .ack_ms = 2000, .guest = "bench",
		.lx.jobs = cpus < 1 ? 1 : cpus > 64 ? 64 : (unsigned)cpus,
	};
	n += general_options(o, opts + n);
	n += linux_options(o, opts + n);
	n += mode_options(o, opts + n);
	opts[n] = (struct eb_option)EB_OPT_END;
	enum eb_parse_result r = eb_options_parse(&usage, opts, argc, argv, first);
	o->nmi_option = nmi_option_seen(opts);
	o->linux_option = linux_option_seen(opts, 0);
	o->not_for_nested = linux_option_seen(opts, 2);
	o->seen_trials = eb_option_seen(opts, "trials");
	o->seen_timeout = eb_option_seen(opts, "timeout");
	o->seen_out = eb_option_seen(opts, "out");
	return r;
}

/* A VARIANT operand, into the --variants list. */
static bool add_variant(struct options *o, const char *name)
{
	for (size_t i = 0; i < o->variants.n; i++)
		if (strcmp(o->want[i], name) == 0)
			return true;
	if (o->variants.n == o->variants.max) {
		eb_error("run: more than %zu variants named", o->variants.max);
		return false;
	}
	o->want[o->variants.n++] = name;
	return true;
}

/* What --guest linux does not take, or NULL. */
static const char *not_for_linux(const struct options *o)
{
	if (o->torture || o->inject || o->counters || o->nmi_option)
		return "--torture, --inject-nmi, --counters and --events (bench "
		       "kernel modes)";
	if (o->dir)
		return "--kernel-dir (bench kernel images: --linux-kernel names "
		       "the Linux kernel)";
	if (o->linux_modules)
		return "--linux-modules (the modules of --accel nested's L1)";
	if (strcmp(o->boot, "pvh") != 0)
		return "--boot (the kernel boots through PVH when its vmlinux has "
		       "the note, else through its bzImage)";
	if (strcmp(o->accel, "auto") != 0)
		return "--accel (tier linux is TCG icount)";
	return NULL;
}

/* --guest linux: its options agree, and its defaults fill the rest. */
static bool linux_agrees(struct options *o)
{
	static const char *const append[] = { EB_LINUX_DEFAULT_APPEND };
	const char *bad = not_for_linux(o);

	if (bad) {
		eb_error("run: --guest linux takes no %s", bad);
		return false;
	}
	if (!o->lx.nappend)
		for (size_t i = 0; i < N_OF(append); i++)
			o->lx.append[o->lx.nappend++] = append[i];
	for (size_t i = 0; i < eb_linux_ncpus; i++)
		if (!o->cpus || (o->cpus & (1u << i)))
			o->lx.cpu[o->lx.ncpus++] = &eb_linux_cpus[i];
	o->lx.qemu = o->qemu;
	o->trials = o->seen_trials ? o->trials : 1;
	o->timeout = o->seen_timeout ? o->timeout : 60;
	o->out = o->seen_out ? o->out : LINUX_OUT;
	return true;
}

/* --accel nested: L1 takes --linux-kernel and its --linux-modules only. */
static bool nested_l1_agrees(const struct options *o)
{
	if (o->not_for_nested) {
		eb_error("run: --accel nested: --%s is not supported: L1 takes "
			 "--linux-kernel and --linux-modules only; its command "
			 "line and CPU are the tier's (README, \"The nested "
			 "tier\")", o->not_for_nested);
		return false;
	}
	if (o->linux_modules && !o->lx.kernel) {
		eb_error("run: --accel nested: --linux-modules names the modules "
			 "of --linux-kernel; without it L1 is the cached kernel "
			 "(%s) with its own", EB_LINUX_FETCH);
		return false;
	}
	return true;
}

/* The modes exclude each other, and the NMI options need theirs. */
static bool modes_agree(struct options *o)
{
	if (strcmp(o->guest, "linux") == 0)
		return linux_agrees(o);
	bool nested = strcmp(o->accel, "nested") == 0;

	if (nested && !nested_l1_agrees(o))
		return false;
	if (o->linux_option && !nested) {
		eb_error("run: --%s only means something with --guest linux",
			 o->linux_option);
		return false;
	}
	if (o->torture && (o->inject || o->variants.n)) {
		eb_error("run: --torture takes no variants and no --inject-nmi: "
			 "it runs the torture's designs only");
		return false;
	}
	if (o->nmi_option && !o->inject) {
		eb_error("run: --%s only means something with --inject-nmi",
			 o->nmi_option);
		return false;
	}
	if (o->counters && (o->torture || o->inject)) {
		eb_error("run: --counters counts the variants' round trips; it "
			 "does not combine with --torture or --inject-nmi");
		return false;
	}
	return true;
}

/* Splits the events to count (--events, else the default) into event[];
 * every name must mean something here. */
static bool parse_events(struct options *o)
{
	const char *list = o->event_list ? o->event_list : EB_COUNTERS_DEFAULT;
	char err[512];

	if (strlen(list) >= sizeof(o->events)) {
		eb_error("run: --events: list too long");
		return false;
	}
	snprintf(o->events, sizeof(o->events), "%s", list);
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

/* The options, checked; -1 to go on, else the exit status. */
static int parse(int argc, char **argv, struct options *o)
{
	int first;
	enum eb_parse_result r = parse_options(argc, argv, o, &first);

	if (r != EB_PARSE_OK)
		return r == EB_PARSE_HELP ? EB_EXIT_OK : EB_EXIT_BADUSAGE;
	for (int i = first; i < argc; i++)
		if (!add_variant(o, argv[i]))
			return EB_EXIT_BADUSAGE;
	o->plan.gap_max_ms = o->gap_ms;
	o->plan.ack_timeout_ms = o->ack_ms;
	o->params.nmi_injected = o->inject != NULL;
	o->counters |= o->event_list != NULL;
	if (!modes_agree(o) || (o->counters && !parse_events(o)))
		return EB_EXIT_BADUSAGE;
	return -1;
}

/*
 * Every requested name must exist in some image (or, tier nested, be one
 * of L1's own probes); say which ones do.
 */
static bool resolve(const struct options *o, const struct eb_catalog *cat,
		    const struct eb_tier *tier)
{
	for (size_t i = 0; i < o->variants.n; i++) {
		bool found = tier->inner && eb_nested_is_probe(o->want[i]);
		for (size_t j = 0; j < cat->n && !found; j++)
			found = eb_trial_variant(eb_proto_trial(cat->e[j].list.proto),
						 o->want[i]);
		if (found)
			continue;
		fprintf(stderr, "entrybench: run: unknown variant '%s'; valid:",
			o->want[i]);
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
			"count", (int)o->plan.count, "gap_max_ms", o->plan.gap_max_ms,
			"ack_timeout_ms", o->plan.ack_timeout_ms,
			"seed", (json_int_t)o->plan.seed));
	return p;
}

/* What the boot loop and the modes are to do. */
static struct eb_run_request request(const struct options *o,
				     const struct eb_tier *tier)
{
	return (struct eb_run_request){
		.tier = tier, .want = o->want, .nwant = o->variants.n,
		.trials = o->trials, .timeout_s = o->timeout,
		.params = o->params, .boot = o->boot, .verbose = o->verbose,
		.torture = o->torture, .inject = o->inject, .plan = o->plan,
		.events = o->event, .nevents = o->nevents,
	};
}

static const struct eb_run_mode *chosen_mode(const struct options *o)
{
	if (o->torture)
		return &eb_mode_torture;
	if (o->inject)
		return &eb_mode_inject;
	if (o->counters)
		return &eb_mode_counters;
	return &eb_mode_matrix;
}

/*
 * The results first, then the table: what is measured must not hang on
 * the terminal.  The exit status.
 */
static int report(const struct options *o, json_t *res, unsigned done)
{
	char err[512] = "";
	int rc = EB_EXIT_OK;
	bool wrote = false;

	eb_results_finish(res);
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
	return rc;
}

static int measure(const struct options *o, const struct eb_tier *tier,
		   const char *why, const struct eb_catalog *cat,
		   struct eb_nested *nested)
{
	char err[512] = "";
	json_t *env = eb_env_collect(cat->e[0].qemu, tier, why, err, sizeof(err));
	unsigned done;

	if (!env) {
		if (!eb_interrupted())
			eb_error("%s", err);
		return EB_EXIT_FAILED;
	}
	if (nested) {
		json_object_set_new(env, "nested", eb_nested_env(nested, json_object()));
		eb_env_seal(env);
	}
	const struct eb_argv *cl = eb_command_line();
	json_t *res = eb_results_new(cl->argc, cl->argv, env, parameters(o));
	struct eb_run_request req = request(o, tier);
	req.nested = nested;
	int rc = eb_boot_loop(&req, chosen_mode(o), cat, res, &done);

	if (rc == EB_EXIT_OK)
		rc = report(o, res, done);
	json_decref(res);
	return rc;
}

/*
 * --guest linux: its own tier and boot loop (run/linux_run.c).  A kernel
 * of the user's own needs no cache, so only the cache's asks the tier.
 */
static int run_linux(const struct options *o)
{
	char why[512];
	const struct eb_tier *tier = eb_tier_for_guest(o->guest, !o->lx.kernel,
						       "", why, sizeof(why));
	unsigned done;
	json_t *res;

	if (!tier) {
		eb_error("run: %s", why);
		return EB_EXIT_BADUSAGE;
	}
	if (!writable(o->out))
		return EB_EXIT_BADUSAGE;
	if (o->verbose)
		fprintf(stderr, "tier: %s\n", why);
	struct eb_run_request req = request(o, tier);
	int rc = eb_linux_run(&req, &o->lx, parameters(o), why, &res, &done);

	if (rc == EB_EXIT_OK) {
		rc = report(o, res, done);
		/* Not one boot came to anything: the lines above say why. */
		if (!done && !eb_interrupted())
			rc = EB_EXIT_FAILED;
	}
	json_decref(res);
	return rc;
}

/* Tier nested: L1's kernel and initramfs for the outer QEMU; NULL if not. */
static struct eb_nested *start_l1(const struct options *o,
				  const struct eb_tier *tier)
{
	char qemu[4096], why[1024];
	struct eb_nested *n = NULL;

	if (!eb_qemu_find(o->qemu ? o->qemu : eb_images[0].qemu, qemu,
			  sizeof(qemu), why, sizeof(why)) ||
	    !(n = eb_nested_start(qemu, o->lx.kernel, o->linux_modules,
				  o->verbose, why, sizeof(why))))
		eb_error("run: --accel %s: %s", tier->name, why);
	return n;
}

/*
 * --accel nested with --linux-kernel: the tier, whose usability checks
 * are of the cached kernel, not this one; start_l1() checks this one.
 */
static const struct eb_tier *l1_given(const struct options *o, char *why,
				      size_t size)
{
	if (strcmp(o->accel, "nested") != 0 || !o->lx.kernel)
		return NULL;
	snprintf(why, size, "nested requested, L1 kernel %s", o->lx.kernel);
	return eb_tier("nested");
}

static int run(int argc, char **argv)
{
	struct options o;
	int rc = parse(argc, argv, &o);
	char why[512];

	if (rc >= 0)
		return rc;
	if (strcmp(o.guest, "linux") == 0)
		return run_linux(&o);
	const struct eb_tier *tier = l1_given(&o, why, sizeof(why));
	if (!tier)
		tier = eb_tier_choose(o.accel, "", why, sizeof(why));
	if (!tier) {
		eb_error("%s", why);
		return EB_EXIT_BADUSAGE;
	}
	if (!writable(o.out))
		return EB_EXIT_BADUSAGE;
	if (o.verbose)
		fprintf(stderr, "accelerator: %s\n", why);

	struct eb_catalog cat;
	struct eb_nested *nested = NULL;
	/* L1 first: what keeps it from booting is found before any boot. */
	if (tier->inner && !(nested = start_l1(&o, tier)))
		return EB_EXIT_BADUSAGE;
	rc = eb_catalog_load(&cat, o.qemu, eb_kernel_dir(o.dir), o.boot,
			     o.timeout, o.verbose);
	if (rc == EB_EXIT_OK && !resolve(&o, &cat, tier))
		rc = EB_EXIT_BADUSAGE;
	if (rc == EB_EXIT_OK)
		rc = measure(&o, tier, why, &cat, nested);
	eb_nested_free(nested);
	eb_catalog_free(&cat);
	return rc;
}

EB_COMMAND("run", run, "measure variants and write a results file");
