/* SPDX-License-Identifier: MIT */
/*
 * entrybench gate: fail on a regression.
 *
 * Deterministic (default): instruction counts of the current tree, run here
 * under TCG or read with --current, against a committed baseline.  Any
 * increase fails, as does a variant that vanished or fails its check; a
 * variant the baseline does not know yet passes with a notice.
 *
 * Cycles (--cycles): base and candidate images booted in the same job in a
 * seeded ABBA order; a variant fails when the one-sided Mann-Whitney test,
 * the Hodges-Lehmann ratio and the HL difference all say so, twice: a
 * first FAIL is confirmed by a second, independent set of trials.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/array.h"
#include "lib/cli.h"
#include "lib/command.h"
#include "lib/options.h"
#include "results/baseline.h"
#include "results/compare.h"
#include "results/count_gate.h"
#include "results/linux_gate.h"
#include "results/linux_results.h"
#include "results/provenance.h"
#include "results/results.h"
#include "results/table.h"
#include "run/abba_boots.h"
#include "run/run_as_child.h"
#include "stats/bootstrap.h"
#include "stats/cycle_gate_test.h"
#include "stats/hodges_lehmann.h"
#include "tiers/tier.h"

static const struct eb_usage usage = {
	.cmd = "gate",
	.synopsis = "--baseline FILE [options]\n"
		    "   or: entrybench gate --cycles --base-kernel-dir A\n"
		    "                       --new-kernel-dir B [options]",
	.text = "The deterministic gate measures the current tree under TCG (or reads\n"
		"--current) with the baseline's parameters: any instruction count\n"
		"above the baseline's fails, as does a variant that vanished or fails\n"
		"its check; one the baseline does not know yet passes with a notice.\n"
		"The cycle gate boots both builds in one seeded ABBA order; a variant\n"
		"fails when the one-sided Mann-Whitney test (--alpha), the HL ratio\n"
		"(--tau-rel) and the HL difference (--tau-abs) all say so, in a first\n"
		"set of trials and again in an independent second one.\n"
		"Exit status: 0 no regression, 1 regression (table says which), 2 bad\n"
		"usage, unusable input, or no hardware KVM for --cycles.\n",
};

/* --on-new-kernel: what a linux baseline of another kernel makes the gate do. */
static const char *const new_kernel_choices[] = { "fail", "skip", NULL };

struct options {
	bool cycles, force;
	const char *linux_kernel, *on_new_kernel;	/* linux baselines */
	const char *baseline, *current, *kernel_dir, *qemu, *out;
	const char *base_dir, *new_dir, *accel, *variants, *out_dir;
	unsigned trials, seed;
	struct eb_cycle_gate_thresholds t;
};

/* The options of both gates: each reads its own group and --qemu. */
static enum eb_parse_result parse_options(int argc, char **argv,
					  struct options *o, int *first)
{
	struct eb_option opts[] = {
		EB_OPT_GROUP("deterministic gate (the default; TCG instruction counts)"),
		EB_OPT_STRING("baseline", 0, &o->baseline, "FILE",
			      "the committed baseline (required)"),
		EB_OPT_STRING("current", 0, &o->current, "FILE",
			      "gate this finished run instead of measuring one"),
		EB_OPT_STRING("kernel-dir", 0, &o->kernel_dir, "DIR",
			      "measure the kernel images in DIR (default: this "
			      "build's)"),
		EB_OPT_STRING("out", 0, &o->out, "FILE",
			      "keep the run measured now in FILE"),
		EB_OPT_BOOL("force", 0, &o->force, "gate a run measured with "
			    "other parameters than the baseline's"),
		EB_OPT_STRING("linux-kernel", 0, &o->linux_kernel, "PATH",
			      "a linux baseline: gate this kernel (a bzImage or "
			      "vmlinux: your build) instead of the cache's"),
		EB_OPT_CHOICE("on-new-kernel", &o->on_new_kernel, new_kernel_choices,
			      "fail|skip", "a linux baseline measured on another "
			      "kernel than the cache's: exit 2, or 0 (CI)"),
		EB_OPT_GROUP("cycle gate (a candidate build against a base build, on KVM)"),
		EB_OPT_BOOL("cycles", 0, &o->cycles, "gate cycles, not a baseline"),
		EB_OPT_STRING("base-kernel-dir", 0, &o->base_dir, "A",
			      "the base build's kernel images (required)"),
		EB_OPT_STRING("new-kernel-dir", 0, &o->new_dir, "B",
			      "the candidate's kernel images (required)"),
		EB_OPT_UINT("trials", 0, &o->trials, 2, 1000, "N",
			    "boots per arm and set, rounded up to even"),
		EB_OPT_UINT("seed", 0, &o->seed, 0, ~0u, "S", "seed of the "
			    "boot order; the confirming set uses S+1"),
		EB_OPT_CHOICE("accel", &o->accel, eb_tier_accel_names(), "ACCEL",
			      "auto is hardware KVM or a refusal; tcg exercises the "
			      "orchestration only"),
		EB_OPT_DOUBLE("alpha", &o->t.alpha, 1e-9, 0.5, "P",
			      "FAIL needs one-sided Mann-Whitney p < P"),
		EB_OPT_DOUBLE("tau-rel", &o->t.tau_rel, 0, 10, "R",
			      "and HL ratio new/base > 1 + R"),
		EB_OPT_DOUBLE("tau-abs", &o->t.tau_abs, 0, 1e9, "T",
			      "and HL difference > T units"),
		EB_OPT_STRING("variants", 0, &o->variants, "a,b",
			      "gate only these variants"),
		EB_OPT_STRING("out-dir", 0, &o->out_dir, "DIR",
			      "each set's results files and boot orders"),
		EB_OPT_GROUP("both"),
		EB_OPT_STRING("qemu", 0, &o->qemu, "PATH", "QEMU binary"),
		EB_OPT_END,
	};

	*o = (struct options){ .trials = 10, .seed = 1, .accel = "kvm",
			       .on_new_kernel = "fail",
			       .out_dir = "results/gate-cycles",
			       .t = EB_CYCLE_GATE_THRESHOLDS_DEFAULT };
	return eb_options_parse(&usage, opts, argc, argv, first);
}

/* A gate's options, cross-checked; -1 to go on, else the exit status. */
static int parse(int argc, char **argv, struct options *o)
{
	int first;
	enum eb_parse_result r = parse_options(argc, argv, o, &first);

	if (r != EB_PARSE_OK)
		return r == EB_PARSE_HELP ? EB_EXIT_OK : EB_EXIT_BADUSAGE;
	if (!eb_options_operands(&usage, argc, argv, first, 0, 0, ""))
		return EB_EXIT_BADUSAGE;
	if (o->cycles && (!o->base_dir || !o->new_dir)) {
		eb_option_error("gate", "--cycles needs --base-kernel-dir and "
				"--new-kernel-dir");
		return EB_EXIT_BADUSAGE;
	}
	if (!o->cycles && !o->baseline) {
		eb_option_error("gate", "needs --baseline FILE (or --cycles; see "
				"'entrybench gate --help')");
		return EB_EXIT_BADUSAGE;
	}
	if (!o->cycles && o->current && o->kernel_dir) {
		eb_option_error("gate", "--current and --kernel-dir exclude each other");
		return EB_EXIT_BADUSAGE;
	}
	return -1;
}

/* ---- deterministic gate: the linux tier's part (results/linux_gate.h) ---- */

/* The linux baseline's columns, this tree's guest, its kernel or ours. */
static json_t *measure_linux(const struct options *o, const json_t *base,
			     const char *out, char *err, size_t size)
{
	const json_t *p = json_object_get(base, "parameters");
	char k[16], batches[16], warmup[16];
	struct eb_linux_args a;

	if (!eb_linux_gate_args(base, o->linux_kernel, &a) || a.n + 10 > N_OF(a.args)) {
		snprintf(err, size, "%s: too many command lines to measure",
			 o->baseline);
		return NULL;
	}
	snprintf(k, sizeof(k), "%lld", json_integer_value(json_object_get(p, "k")));
	snprintf(batches, sizeof(batches), "%lld",
		 json_integer_value(json_object_get(p, "batches")));
	snprintf(warmup, sizeof(warmup), "%lld",
		 json_integer_value(json_object_get(p, "warmup")));
	a.n = eb_selfrun_opt(a.args, a.n, "--k", k);
	a.n = eb_selfrun_opt(a.args, a.n, "--batches", batches);
	a.n = eb_selfrun_opt(a.args, a.n, "--warmup", warmup);
	eb_selfrun_opt(a.args, a.n, "--qemu", o->qemu);
	return eb_selfrun(a.args, out, err, size);
}

/* --linux-kernel and --on-new-kernel gate a linux baseline only; -1 if fine. */
static int linux_options_fit(const struct options *o, const json_t *base)
{
	if (eb_linux_results(base) || (!o->linux_kernel &&
					strcmp(o->on_new_kernel, "fail") == 0))
		return -1;
	eb_error("gate: --linux-kernel and --on-new-kernel are for a linux "
		 "baseline; %s is tier %s", o->baseline, eb_results_tier(base));
	return EB_EXIT_BADUSAGE;
}

/*
 * A linux baseline of another kernel than the one measured now, which
 * the user did not name: Debian replaced its kernel.  The new counts are
 * printed all the same; exit 2 (update the baseline), or 0 with
 * --on-new-kernel skip, as CI runs it: a security update is no regression.
 * -1 when the kernels agree or the user named the one to gate.
 */
static int new_kernel(const struct options *o, const json_t *base,
		      const json_t *cur)
{
	char msg[2048];

	if (!eb_linux_results(base) || o->linux_kernel ||
	    !eb_linux_kernel_differs(base, cur))
		return -1;
	eb_table_print(stdout, cur);
	eb_linux_new_kernel(base, o->baseline, cur, msg, sizeof(msg));
	if (strcmp(o->on_new_kernel, "skip") == 0) {
		printf("\ngate: SKIP: %s\n", msg);
		return EB_EXIT_OK;
	}
	eb_error("gate: %s", msg);
	return EB_EXIT_BADUSAGE;
}

/* ---- deterministic gate ---- */

/* Runs the matrix with the baseline's parameters, under TCG. */
static json_t *measure(const struct options *o, const json_t *base,
		       const char *out, char *err, size_t size)
{
	if (eb_linux_results(base))
		return measure_linux(o, base, out, err, size);
	const json_t *p = json_object_get(base, "parameters");
	char k[16], batches[16], warmup[16];
	/* 4 fixed + 8 parameters + 2 optional pairs + NULL = 17 */
	const char *args[24] = { "--accel", "tcg", "--trials", "2" };
	size_t n = 4;

	snprintf(k, sizeof(k), "%lld", json_integer_value(json_object_get(p, "k")));
	snprintf(batches, sizeof(batches), "%lld",
		 json_integer_value(json_object_get(p, "batches")));
	snprintf(warmup, sizeof(warmup), "%lld",
		 json_integer_value(json_object_get(p, "warmup")));
	args[n++] = "--k"; args[n++] = k;
	args[n++] = "--batches"; args[n++] = batches;
	args[n++] = "--warmup"; args[n++] = warmup;
	args[n++] = "--boot";
	args[n++] = json_string_value(json_object_get(p, "boot"));
	n = eb_selfrun_opt(args, n, "--kernel-dir", o->kernel_dir);
	eb_selfrun_opt(args, n, "--qemu", o->qemu);
	return eb_selfrun(args, out, err, size);
}

/* The baseline and its tier, which must count instructions; NULL if not. */
static json_t *read_baseline(const struct options *o, const struct eb_tier **tier)
{
	char err[1024];
	json_t *base = eb_results_read(o->baseline, err, sizeof(err));

	if (!base) {
		eb_error("gate: %s", err);
		return NULL;
	}
	/* Not worth a measurement: nothing to gate against. */
	char why[512];
	if (eb_results_untimed(base, why, sizeof(why))) {
		eb_error("gate: %s is %s", o->baseline, why);
		json_decref(base);
		return NULL;
	}
	*tier = eb_tier(eb_results_tier(base));
	if (!*tier || !eb_tier_exact(*tier)) {
		eb_error("gate: %s: tier %s counts cycles, not instructions: a "
			 "baseline gates TCG counts only (gate --cycles compares "
			 "two kernel builds on a KVM host)", o->baseline,
			 eb_results_tier(base));
		json_decref(base);
		return NULL;
	}
	return base;
}

/* --current, or a run measured now (kept in --out if given). */
static json_t *current_run(const struct options *o, const json_t *base,
			   char *err, size_t size)
{
	char tmpdir[] = "/tmp/entrybench-gate.XXXXXX", out[4096];
	json_t *cur;

	if (o->current)
		return eb_results_read(o->current, err, size);
	if (!mkdtemp(tmpdir)) {
		snprintf(err, size, "cannot create a directory in /tmp");
		return NULL;
	}
	snprintf(out, sizeof(out), "%s", o->out ? o->out : tmpdir);
	if (!o->out)
		strncat(out, "/current.json", sizeof(out) - strlen(out) - 1);
	fprintf(stderr, "gate: measuring the current tree under TCG\n");
	cur = measure(o, base, out, err, size);
	if (!o->out)
		unlink(out);
	rmdir(tmpdir);
	return cur;
}

/*
 * Can cur be gated against base?  Says why not; note gets what to print
 * beside the sources (an environment that differs, for example).
 */
static bool gateable(const struct options *o, const json_t *base,
		     const json_t *cur, const char *curname, bool force,
		     char *note, size_t size)
{
	/* Its missing variants would read as vanished, its figures as final. */
	if (eb_results_interrupted(cur)) {
		eb_error("gate: %s is an interrupted run (\"interrupted\": true): "
			 "gate a complete one", curname);
		return false;
	}
	/* What compare checks too: timed files, one tier, one experiment. */
	if (!eb_check_comparable(base, o->baseline, cur, curname, force,
				 note, size)) {
		eb_error("gate: %s", note);
		return false;
	}
	return true;
}

/* What is gated against what, and in which unit. */
static void print_sources(const struct options *o, const json_t *base,
			  const json_t *cur, const struct eb_tier *tier,
			  const char *curname, const char *note)
{
	const json_t *last = eb_baseline_last(base);
	char rev[128];

	printf("gate: baseline %s", o->baseline);
	if (last)
		printf(" (updated %s: %s)", json_string_value(json_object_get(last, "date")),
		       json_string_value(json_object_get(last, "reason")));
	printf("\n      current  %s", curname);
	if (eb_provenance_revision(cur, rev, sizeof(rev)))
		printf(" (revision %s)", rev);
	putchar('\n');
	if (*note)
		printf("%s\n", note);
	printf("\ntier %s (%s), unit %s\n", tier->name, tier->describe, tier->unit);
}

static void print_fewer(const struct eb_count_gate_row *r, const char *unit)
{
	char c[64], b[64];

	printf("fewer: %s (%s) now takes %s %s (baseline %s)\n", r->name, r->mode,
	       eb_format_figure(c, sizeof(c), r->cur, unit, false), unit,
	       eb_format_figure(b, sizeof(b), r->base, unit, false));
}

/* New and cheaper variants pass; say so, and how to record them. */
static void print_notes(const struct eb_count_gate_row *rows, size_t n,
			const char *unit)
{
	bool notes = false;

	for (size_t i = 0; i < n; i++) {
		const struct eb_count_gate_row *r = &rows[i];
		if (r->verdict != EB_GATE_NEW && r->verdict != EB_GATE_BETTER)
			continue;
		printf(notes ? "" : "\n");
		notes = true;
		if (r->verdict == EB_GATE_NEW)
			printf("new: %s (%s) is not in the baseline; it passes\n",
			       r->name, r->mode);
		else
			print_fewer(r, unit);
	}
	if (notes)
		printf("record them with: entrybench baseline update --reason \"...\"\n");
}

/* The FAIL line naming every failed variant, and why. */
static void print_failures(const struct eb_count_gate_row *rows, size_t n,
			   const char *unit)
{
	size_t not_run = 0;
	bool first = true;
	char d[64];

	for (size_t i = 0; i < n; i++) {
		const struct eb_count_gate_row *r = &rows[i];
		if (!eb_count_gate_failed(r->verdict))
			continue;
		if (r->verdict == EB_GATE_NOT_RUN) {
			not_run++;
			continue;
		}
		printf("%s%s (%s) ", first ? "\ngate: FAIL: " : "; ",
		       r->name, r->mode);
		first = false;
		if (r->verdict == EB_GATE_WORSE)
			printf("%s %s", eb_format_figure(d, sizeof(d),
					r->cur - r->base, unit, true), unit);
		else if (r->verdict == EB_GATE_MISSING)
			printf("missing from the current run");
		else
			printf("%s%s%s%s", r->why, *r->detail ? " (" : "",
			       r->detail, *r->detail ? ")" : "");
	}
	if (not_run)
		printf("%s%zu variant%s not run: the boot ended before %s turn",
		       first ? "\ngate: FAIL: " : "; ", not_run,
		       not_run == 1 ? "" : "s", not_run == 1 ? "its" : "their");
	printf("\n");
}

/* Say how many were actually compared: a skip gates nothing. */
static void print_pass(const struct eb_count_gate_row *rows, size_t n)
{
	size_t skipped = 0, new = 0;

	for (size_t i = 0; i < n; i++) {
		skipped += rows[i].verdict == EB_GATE_SAME && isnan(rows[i].cur);
		new += rows[i].verdict == EB_GATE_NEW;
	}
	printf("\ngate: PASS (%zu variants compared, %zu new, %zu skipped "
	       "in both)\n", n - skipped - new, new, skipped);
}

/* The table and the verdict; true if a variant failed. */
static bool gate_counts(const json_t *base, const json_t *cur, const char *unit)
{
	struct eb_count_gate_row *rows;
	size_t n = eb_count_gate_rows(base, cur, &rows);
	bool failed = eb_count_gate_print(stdout, rows, n, unit);

	print_notes(rows, n, unit);
	if (failed)
		print_failures(rows, n, unit);
	else
		print_pass(rows, n);
	free(rows);
	return failed;
}

static int deterministic(const struct options *o)
{
	const struct eb_tier *tier;
	char err[1024], here[4200], note[1024];
	json_t *base = read_baseline(o, &tier), *cur = NULL;
	int rc = EB_EXIT_BADUSAGE;

	if (!base || (rc = linux_options_fit(o, base)) >= 0)
		goto out;
	rc = EB_EXIT_BADUSAGE;
	cur = current_run(o, base, err, sizeof(err));
	if (!cur) {
		eb_error("gate: %s", err);
		goto out;
	}
	snprintf(here, sizeof(here), eb_linux_results(base) ?
		 "this build's Linux guest on %s, run now" : "the kernels in %s, run now",
		 eb_linux_results(base) ? (o->linux_kernel ? o->linux_kernel :
		 "the cache's kernel") : o->kernel_dir ? o->kernel_dir : "this build");
	const char *curname = o->current ? o->current : here;
	if ((rc = new_kernel(o, base, cur)) >= 0)
		goto out;
	rc = EB_EXIT_BADUSAGE;
	/* A kernel the user named is what is gated: its difference is the point. */
	if (!gateable(o, base, cur, curname, o->force || (o->linux_kernel &&
		      eb_linux_results(base)), note, sizeof(note)))
		goto out;
	print_sources(o, base, cur, tier, curname, note);
	rc = gate_counts(base, cur, tier->unit) ? EB_EXIT_FAILED : EB_EXIT_OK;
out:
	json_decref(base);
	json_decref(cur);
	return rc;
}

/* ---- cycle gate ---- */

struct verdict {
	struct eb_cycle_gate_stats s;
	struct eb_interval ci;	/* bootstrap 95 % interval of the HL ratio */
	const char *broken;	/* candidate status when it did not pass */
};

/* Statistics of every variant of the base arm in one set. */
static size_t judge(const struct eb_abba_result *r, const struct options *o,
		    struct verdict *out, size_t max)
{
	const json_t *bv = json_object_get(r->arm[0], "variants");
	size_t i, n = 0;
	json_t *v;

	json_array_foreach(bv, i, v) {
		const json_t *c = eb_results_variant(r->arm[1],
			json_string_value(json_object_get(v, "name")),
			json_string_value(json_object_get(v, "mode")));
		double *x, *y;
		size_t m = eb_trial_values(v, &x), k = c ? eb_trial_values(c, &y) : 0;

		if (n == max)
			break;
		out[n] = (struct verdict){ .s = eb_cycle_gate_test(x, m,
					c ? y : x, c ? k : 0, &o->t) };
		/* Printed for the reader; the verdict does not depend on it. */
		out[n].ci = eb_bootstrap(eb_hl_ratio, x, m, c ? y : x, c ? k : 0,
					 EB_BOOTSTRAP_RESAMPLES, 0.95,
					 EB_BOOTSTRAP_SEED);
		const char *status = c ? json_string_value(json_object_get(c, "status"))
				       : "missing";
		if (strcmp(status, "pass") != 0 && strcmp(status, "skipped") != 0)
			out[n].broken = status;
		free(x);
		if (c)
			free(y);
		n++;
	}
	return n;
}

static void print_set(const struct eb_abba_result *r, const struct verdict *v,
		      size_t n, const char *unit, int set)
{
	const json_t *bv = json_object_get(r->arm[0], "variants");

	printf("\nset %d, boot order %s\n", set, r->order);
	printf("%-24s %-7s %4s %4s %10s %18s %12s %10s  %s\n", "variant", "mode",
	       "nA", "nB", "HL ratio", "95% interval", "HL diff", "p", "verdict");
	for (size_t i = 0; i < n; i++) {
		const json_t *var = json_array_get(bv, i);
		bool not_run = v[i].broken && strcmp(v[i].broken, "not run") == 0;
		/* Not regressed is not faster: the test is one-sided. */
		printf("%-24s %-7s %4zu %4zu %10.4f [%7.4f, %7.4f] %+12.2f %10.2g  %s",
		       json_string_value(json_object_get(var, "name")),
		       json_string_value(json_object_get(var, "mode")),
		       v[i].s.m, v[i].s.n, v[i].s.ratio, v[i].ci.lo, v[i].ci.hi,
		       v[i].s.diff, v[i].s.p, not_run ? "not run" :
		       v[i].broken || v[i].s.regressed ? "FAIL" : "no evidence");
		if (not_run)
			;	/* another variant's crash: that one is the FAIL */
		else if (v[i].broken)
			printf(" (%s)", v[i].broken);
		else if (v[i].s.regressed)
			printf(" (%+.2f %s)", v[i].s.diff, unit);
		putchar('\n');
	}
	/* A variant only the candidate has cannot regress: say so, pass it. */
	size_t j;
	json_t *c;
	json_array_foreach(json_object_get(r->arm[1], "variants"), j, c) {
		const char *name = json_string_value(json_object_get(c, "name"));
		const char *mode = json_string_value(json_object_get(c, "mode"));
		if (!eb_results_variant(r->arm[0], name, mode))
			printf("new: %s (%s) is not in the base kernel; it passes\n",
			       name, mode);
	}
}

static bool write_set(const struct options *o, const struct eb_abba_result *r,
		      int set)
{
	char path[4096], err[512];
	for (int a = 0; a < 2; a++) {
		snprintf(path, sizeof(path), "%s/%s-%d.json", o->out_dir,
			 a ? "new" : "base", set);
		if (!eb_results_write(r->arm[a], path, err, sizeof(err))) {
			eb_error("gate: %s", err);
			return false;
		}
	}
	return true;
}

/*
 * The tier the cycle gate measures at; NULL after saying why not.  auto
 * would fall back to TCG, whose instruction counts would then pass for a
 * cycle gate.  Only an explicit --accel tcg runs it there.
 */
static const struct eb_tier *cycle_tier(const struct options *o)
{
	char why[512];
	const struct eb_tier *tier = eb_tier_choose(o->accel, "", why, sizeof(why));

	if (!tier) {
		eb_error("gate --cycles: %s", why);
		return NULL;
	}
	if (strcmp(o->accel, "auto") == 0 && strcmp(tier->name, "kvm") != 0) {
		eb_error("gate --cycles: refused: %s; cycles need hardware KVM "
			 "(--accel tcg exercises the orchestration only)", why);
		return NULL;
	}
	if (strcmp(tier->unit, "insns") == 0)
		printf("note: tier %s counts instructions: this exercises the cycle "
		       "gate's orchestration, its figures are not cycles\n", tier->name);
	return tier;
}

/* Checked before any boot: a bad --out-dir must not cost the runs. */
static bool usable_out_dir(const char *dir)
{
	char err[1024];
	struct stat st;

	if (!eb_mkdirs(dir, err, sizeof(err))) {
		eb_error("gate: --out-dir: %s", err);
		return false;
	}
	if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode) ||
	    access(dir, W_OK | X_OK) != 0) {
		eb_error("gate: --out-dir %s is not a writable directory", dir);
		return false;
	}
	return true;
}

/* The sets of trials and their verdicts: a second only to confirm a FAIL. */
struct cycle_sets {
	struct eb_abba_result r[2];
	struct verdict v[2][256];
	size_t n[2];
	int sets;
};

/*
 * Runs, prints and writes set 1, and set 2 when set 1 FAILs; false (after
 * saying why) if a set could not be run or written.
 */
static bool run_sets(const struct options *o, const struct eb_tier *tier,
		     const char *scratch, struct cycle_sets *c)
{
	const char *args[12] = { "--accel", tier->name };
	size_t na = 2;
	char err[1024];
	bool first_failed = false;

	na = eb_selfrun_opt(args, na, "--variants", o->variants);
	eb_selfrun_opt(args, na, "--qemu", o->qemu);
	for (int set = 0; set < 2 && (set == 0 || first_failed); set++) {
		struct eb_abba_set s = {
			.base_dir = o->base_dir, .new_dir = o->new_dir,
			.run_args = args, .blocks = (o->trials + 1) / 2,
			/* The confirmation is independent: its own order. */
			.seed = (unsigned long)o->seed + set, .scratch = scratch,
		};
		if (!eb_abba_run(&s, &c->r[set], err, sizeof(err))) {
			eb_error("gate: %s", err);
			return false;
		}
		c->sets++;
		c->n[set] = judge(&c->r[set], o, c->v[set], 256);
		print_set(&c->r[set], c->v[set], c->n[set], tier->unit, set + 1);
		if (!write_set(o, &c->r[set], set + 1))
			return false;
		for (size_t i = 0; i < c->n[set]; i++)
			first_failed |= c->v[set][i].broken || c->v[set][i].s.regressed;
		if (set == 0 && first_failed)
			printf("\nfirst set FAILs: confirming with an independent set\n");
	}
	return true;
}

/* Why variant i blocks: NULL when it does not, "not run" counted apart. */
static const char *blocking(const struct cycle_sets *c, size_t i)
{
	const struct verdict *v0 = c->v[0], *v1 = c->v[1];
	bool second = c->sets == 2 && i < c->n[1];
	bool regressed = v0[i].s.regressed && second && v1[i].s.regressed;
	const char *broken = v0[i].broken ? v0[i].broken :
			     second ? v1[i].broken : NULL;

	if (regressed)
		return "slower, confirmed";
	if (!broken)
		return NULL;
	return strcmp(broken, "fail") == 0 ? "check failed" : broken;
}

/*
 * Blocking: broken in either set, or regressed in both.  Variants another
 * one's crash kept from running are counted, not failed one by one.
 * True if any variant blocks.
 */
static bool print_verdict(const struct cycle_sets *c)
{
	const json_t *vars = json_object_get(c->r[0].arm[0], "variants");
	size_t not_run = 0;
	int failed = 0;

	for (size_t i = 0; i < c->n[0]; i++) {
		const char *why = blocking(c, i);
		const char *name = json_string_value(json_object_get(
					json_array_get(vars, i), "name"));
		if (!why) {
			if (c->v[0][i].s.regressed)
				printf("\nnot confirmed: %s: set 1 FAIL, set 2 ok\n",
				       name);
		} else if (strcmp(why, "not run") == 0) {
			not_run++;
		} else {
			printf("%s %s (%s)", failed++ ? "" : "\ngate: FAIL:", name, why);
		}
	}
	if (not_run)
		printf("%s %zu not run (the boot ended before their turn)",
		       failed++ ? ";" : "\ngate: FAIL:", not_run);
	printf(failed ? "\n" : "\ngate: PASS\n");
	return failed;
}

static int cycles(const struct options *o)
{
	char scratch[] = "/tmp/entrybench-abba.XXXXXX";
	const struct eb_tier *tier = cycle_tier(o);
	struct cycle_sets c = { 0 };
	int rc = EB_EXIT_BADUSAGE;

	if (!tier || !usable_out_dir(o->out_dir))
		return rc;
	if (!mkdtemp(scratch)) {
		eb_error("gate: cannot create a directory in /tmp");
		return rc;
	}
	printf("cycle gate: base %s, candidate %s, %u trials per arm, seed %u\n"
	       "FAIL when p < %g and HL ratio > %g and HL diff > %g %s, twice\n",
	       o->base_dir, o->new_dir, (o->trials + 1) / 2 * 2, o->seed,
	       o->t.alpha, 1 + o->t.tau_rel, o->t.tau_abs, tier->unit);
	if (run_sets(o, tier, scratch, &c)) {
		rc = print_verdict(&c) ? EB_EXIT_FAILED : EB_EXIT_OK;
		printf("results and boot orders in %s\n", o->out_dir);
	}
	for (int set = 0; set < 2; set++)
		eb_abba_free(&c.r[set]);
	rmdir(scratch);
	return rc;
}

static int gate(int argc, char **argv)
{
	struct options o;
	int rc = parse(argc, argv, &o);
	if (rc >= 0)
		return rc;
	return o.cycles ? cycles(&o) : deterministic(&o);
}

EB_COMMAND("gate", gate, "fail on a regression against a baseline or a base image");
