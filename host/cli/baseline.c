/* SPDX-License-Identifier: MIT */
/*
 * entrybench baseline update: replace the gate's baseline, deliberately.
 * The reason, the date and every variant's previous figure are recorded
 * in the file (see results/baseline.h), so `git log -p` is not the only memory.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lib/cli.h"
#include "lib/command.h"
#include "lib/options.h"
#include "results/baseline.h"
#include "results/compare.h"
#include "results/linux_gate.h"
#include "results/linux_results.h"
#include "results/results.h"
#include "results/table.h"
#include "run/run_as_child.h"
#include "tiers/tier.h"
#include "xray/attach.h"

static const struct eb_usage usage = {
	.cmd = "baseline",
	.min_operands = 1, .max_operands = 1, .operands = "'update'",
	.synopsis = "update --reason TEXT [options]",
	.text = "Without --from, measures the whole matrix under TCG first (a linux\n"
		"baseline, or --guest linux: its columns, one boot each).  A --from\n"
		"run that lacks variants of the baseline is refused unless --drop says\n"
		"they are gone for good.  The reason, the date and each variant's\n"
		"previous figure are recorded in the baseline file.\n"
		"Exit status: 0 updated; 2 bad usage, or no run fit to be a baseline\n"
		"(unreadable, interrupted, failing or incomplete): nothing is written.\n",
};

struct options {
	bool drop;
	const char *reason, *from, *baseline, *kernel_dir, *qemu;
	const char *guest, *linux_kernel;
};

/* The update's options, cross-checked; -1 to go on, else the exit status. */
static int parse(int argc, char **argv, struct options *o)
{
	*o = (struct options){ .baseline = "results/baseline-tcg.json" };
	struct eb_option opts[] = {
		EB_OPT_STRING("reason", 0, &o->reason, "TEXT",
			      "why the figures change (required)"),
		EB_OPT_STRING("from", 0, &o->from, "FILE",
			      "take this finished run instead of measuring"),
		EB_OPT_BOOL("drop", 0, &o->drop, "with --from: the baseline's "
			    "variants it lacks are gone for good"),
		EB_OPT_STRING("baseline", 0, &o->baseline, "FILE",
			      "the baseline file to replace"),
		EB_OPT_STRING("kernel-dir", 0, &o->kernel_dir, "DIR",
			      "measure the kernel images in DIR"),
		EB_OPT_STRING("qemu", 0, &o->qemu, "PATH", "measure with this QEMU"),
		EB_OPT_CHOICE("guest", &o->guest, eb_tier_guest_names(), "GUEST",
			      "measure this guest (default: the baseline's)"),
		EB_OPT_STRING("linux-kernel", 0, &o->linux_kernel, "PATH",
			      "a linux baseline: measure this kernel, not the "
			      "cache's"),
		EB_OPT_END,
	};
	int first;

	int rc = eb_options_command(&usage, opts, argc, argv, &first);
	if (rc >= 0)
		return rc;
	if (strcmp(argv[first], "update") != 0) {
		eb_option_error("baseline", "'%s': the only subcommand is 'update' "
				"(see 'entrybench baseline --help')", argv[first]);
		return EB_EXIT_BADUSAGE;
	}
	if (!o->reason || !*o->reason) {
		eb_option_error("baseline", "update: --reason is required: say why "
				"the figures change");
		return EB_EXIT_BADUSAGE;
	}
	if (o->from && (eb_option_seen(opts, "kernel-dir") ||
			eb_option_seen(opts, "qemu") || o->guest || o->linux_kernel)) {
		eb_option_error("baseline", "update: --from takes a finished run; "
				"--kernel-dir, --qemu, --guest and --linux-kernel "
				"are for measuring");
		return EB_EXIT_BADUSAGE;
	}
	return -1;
}

/*
 * A linux baseline: the old one's columns (or the default ones), once
 * each, Debian's kernel or --linux-kernel.
 */
static json_t *measure_linux(const struct options *o, const json_t *old,
			     char *src, size_t srcsize, char *err, size_t size)
{
	struct eb_linux_args a = { .n = 0 };

	if (old && eb_linux_results(old)) {
		if (!eb_linux_gate_args(old, o->linux_kernel, &a)) {
			snprintf(err, size, "%s: too many command lines", o->baseline);
			return NULL;
		}
	} else {
		a.n = eb_selfrun_opt(a.args, a.n, "--guest", "linux");
		a.n = eb_selfrun_opt(a.args, a.n, "--linux-kernel", o->linux_kernel);
	}
	eb_selfrun_opt(a.args, a.n, "--qemu", o->qemu);
	snprintf(src, srcsize, "%s.run.%ld", o->baseline, (long)getpid());
	fprintf(stderr, "baseline: measuring the Linux guest's columns\n");
	json_t *res = eb_selfrun(a.args, src, err, size);
	unlink(src);
	snprintf(src, srcsize, "entrybench run");
	for (size_t i = 0; i < a.n && strlen(src) + 64 < srcsize; i++)
		snprintf(src + strlen(src), srcsize - strlen(src),
			 strchr(a.args[i], ' ') || !*a.args[i] ? " '%.48s'" : " %.48s",
			 a.args[i]);
	return res;
}

static json_t *measure(const struct options *o, const json_t *old, char *src,
		       size_t srcsize, char *err, size_t size)
{
	const char *args[24] = { "--accel", "tcg", "--trials", "3" };
	size_t n = 4;

	if (strcmp(o->guest ? o->guest : old && eb_linux_results(old) ?
		   "linux" : "bench", "linux") == 0)
		return measure_linux(o, old, src, srcsize, err, size);
	if (o->linux_kernel) {
		snprintf(err, size, "--linux-kernel measures a linux baseline; %s "
			 "is the bench kernel's (--guest linux for a new one)",
			 o->baseline);
		return NULL;
	}

	n = eb_selfrun_opt(args, n, "--kernel-dir", o->kernel_dir);
	eb_selfrun_opt(args, n, "--qemu", o->qemu);
	snprintf(src, srcsize, "%s.run.%ld", o->baseline, (long)getpid());
	fprintf(stderr, "baseline: measuring the matrix under TCG\n");
	json_t *res = eb_selfrun(args, src, err, size);
	unlink(src);
	snprintf(src, srcsize, "entrybench run --accel tcg --trials 3%s%s",
		 o->kernel_dir ? " --kernel-dir " : "",
		 o->kernel_dir ? o->kernel_dir : "");
	return res;
}

static void figure(const json_t *v, const char *unit)
{
	char text[64];
	printf(" %10s", eb_format_figure(text, sizeof(text), json_is_number(v) ?
					 json_number_value(v) : NAN, unit, false));
}

static void show(const json_t *entry, const char *unit)
{
	size_t i;
	json_t *v;

	int where = 7;

	/* A linux baseline's column in the mode's place, as wide as it takes. */
	json_array_foreach(json_object_get(entry, "values"), i, v)
		if (json_is_string(json_object_get(v, "column")) &&
		    (int)json_string_length(json_object_get(v, "column")) > where)
			where = (int)json_string_length(json_object_get(v, "column"));
	printf("%-24s %-*s %10s %10s\n", "variant", where, where > 7 ? "column" :
	       "mode", "before", "after");
	json_array_foreach(json_object_get(entry, "values"), i, v) {
		const json_t *column = json_object_get(v, "column");
		printf("%-24s %-*s", json_string_value(json_object_get(v, "name")),
		       where, json_is_string(column) ? json_string_value(column) :
		       json_string_value(json_object_get(v, "mode")));
		figure(json_object_get(v, "before"), unit);
		figure(json_object_get(v, "after"), unit);
		putchar('\n');
	}
}

/* The first variant of old that res lacks, as "name (mode)"; NULL if none. */
static const char *missing(const json_t *old, const json_t *res)
{
	static char which[300];
	size_t i;
	json_t *v;

	json_array_foreach(json_object_get(old, "variants"), i, v) {
		const char *name = json_string_value(json_object_get(v, "name"));
		if (!eb_results_same_variant(res, v)) {
			snprintf(which, sizeof(which), "%s (%s)", name,
				 eb_variant_where(v));
			return which;
		}
	}
	return NULL;
}

static int update(const struct options *o)
{
	char err[1024], source[4096], date[32];
	json_t *old = NULL, *res;
	time_t now = time(NULL);
	int rc = EB_EXIT_BADUSAGE;

	if (access(o->baseline, F_OK) == 0) {
		old = eb_results_read(o->baseline, err, sizeof(err));
		if (!old) {
			eb_error("baseline update: %s (fix or remove it)", err);
			return rc;
		}
	}
	if (o->from) {
		snprintf(source, sizeof(source), "%s", o->from);
		res = eb_results_read(o->from, err, sizeof(err));
	} else {
		res = measure(o, old, source, sizeof(source), err, sizeof(err));
	}
	if (!res) {
		eb_error("baseline update: %s", err);
		goto out;
	}
	if (eb_results_interrupted(res)) {
		eb_error("baseline update: %s is an interrupted run (\"interrupted\": "
			 "true): a baseline needs the whole matrix", source);
		goto out;
	}
	if (!eb_baseline_fit(res, err, sizeof(err))) {
		eb_error("baseline update: %s: %s", source, err);
		goto out;
	}
	if (old && strcmp(eb_results_tier(old), eb_results_tier(res)) != 0) {
		eb_error("baseline update: %s is tier %s, %s is tier %s: a baseline "
			 "keeps its tier (pass another --baseline)", source,
			 eb_results_tier(res), o->baseline, eb_results_tier(old));
		goto out;
	}
	/*
	 * A finished run that lacks variants of the baseline (a --variants
	 * subset) would drop them from the gate without a word.  A measured
	 * run is the whole matrix: what it lacks left the tree.
	 */
	const char *lost = o->from && old && !o->drop ? missing(old, res) : NULL;
	if (lost) {
		eb_error("baseline update: %s lacks %s, which %s has: a baseline "
			 "holds the whole matrix (run without a variant filter, omit "
			 "--from to measure it, or --drop if it is gone)", source,
			 lost, o->baseline);
		goto out;
	}
	/* The tcg baseline keeps each variant's x-ray: gate explains with it. */
	if (!o->from && strcmp(eb_results_tier(res), "tcg") == 0 &&
	    eb_xray_attach(res, "baseline update", o->kernel_dir, o->qemu,
			   NULL, 0) != EB_EXIT_OK)
		goto out;
	/* So does the linux one, of each probe with a whole count per trip. */
	if (!o->from && eb_linux_results(res) &&
	    eb_xray_attach_linux(res, "baseline update", o->linux_kernel, o->qemu,
				 NULL, 0) != EB_EXIT_OK)
		goto out;
	strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
	eb_baseline_make(res, old, o->reason, source, date);
	if (!eb_results_write(res, o->baseline, err, sizeof(err))) {
		eb_error("baseline update: %s", err);
		goto out;
	}
	printf("baseline %s updated (%s): %s\n", o->baseline, date, o->reason);
	const struct eb_tier *tier = eb_tier(eb_results_tier(res));
	show(eb_baseline_last(res), tier ? tier->unit : "");
	rc = EB_EXIT_OK;
out:
	json_decref(old);
	json_decref(res);
	return rc;
}

static int baseline(int argc, char **argv)
{
	struct options o;
	int rc = parse(argc, argv, &o);
	return rc >= 0 ? rc : update(&o);
}

EB_COMMAND("baseline", baseline, "record a new gate baseline, with the reason");
