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
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "abbarun.h"
#include "accel.h"
#include "baseline.h"
#include "bootstrap.h"
#include "cli.h"
#include "command.h"
#include "compare.h"
#include "gate.h"
#include "gatestat.h"
#include "hl.h"
#include "results.h"
#include "selfrun.h"
#include "tier.h"

static const char usage[] =
	"usage: entrybench gate --baseline FILE [--current FILE | --kernel-dir DIR]\n"
	"       [--qemu PATH] [--out FILE] [--force]\n"
	"   or: entrybench gate --cycles --base-kernel-dir A --new-kernel-dir B\n"
	"       [--trials N] [--seed S] [--accel kvm|tcg] [--alpha P]\n"
	"       [--tau-rel R] [--tau-abs T] [--variants a,b] [--qemu PATH]\n"
	"       [--out-dir DIR]\n"
	"Exit status: 0 no regression, 1 regression (table says which), 2 bad\n"
	"usage, unusable input, or no hardware KVM for --cycles.\n";

struct options {
	bool cycles, force;
	const char *baseline, *current, *kernel_dir, *qemu, *out;
	const char *base_dir, *new_dir, *accel, *variants, *out_dir;
	unsigned trials;
	unsigned long seed;
	struct eb_gate_thresholds t;
};

static bool parse_double(const char *opt, const char *arg, double min,
			 double max, double *out)
{
	char *end;
	double v = strtod(arg, &end);
	if (end == arg || *end || !(v >= min && v <= max)) {
		eb_error("%s %s: expected a number in %g..%g", opt, arg, min, max);
		return false;
	}
	*out = v;
	return true;
}

static int parse(int argc, char **argv, struct options *o)
{
	static const struct option opts[] = {
		{ "baseline", required_argument, NULL, 'b' },
		{ "current", required_argument, NULL, 'c' },
		{ "kernel-dir", required_argument, NULL, 'd' },
		{ "qemu", required_argument, NULL, 'q' },
		{ "out", required_argument, NULL, 'o' },
		{ "force", no_argument, NULL, 'f' },
		{ "cycles", no_argument, NULL, 'C' },
		{ "base-kernel-dir", required_argument, NULL, 'A' },
		{ "new-kernel-dir", required_argument, NULL, 'B' },
		{ "trials", required_argument, NULL, 'n' },
		{ "seed", required_argument, NULL, 's' },
		{ "accel", required_argument, NULL, 'a' },
		{ "alpha", required_argument, NULL, 'p' },
		{ "tau-rel", required_argument, NULL, 'r' },
		{ "tau-abs", required_argument, NULL, 't' },
		{ "variants", required_argument, NULL, 'V' },
		{ "out-dir", required_argument, NULL, 'O' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	unsigned seed = 1;
	bool ok = true;
	int c;

	*o = (struct options){ .trials = 10, .accel = "kvm",
			       .out_dir = "results/gate-cycles",
			       .t = EB_GATE_THRESHOLDS_DEFAULT };
	while (ok && (c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'b': o->baseline = optarg; break;
		case 'c': o->current = optarg; break;
		case 'd': o->kernel_dir = optarg; break;
		case 'q': o->qemu = optarg; break;
		case 'o': o->out = optarg; break;
		case 'f': o->force = true; break;
		case 'C': o->cycles = true; break;
		case 'A': o->base_dir = optarg; break;
		case 'B': o->new_dir = optarg; break;
		case 'n': ok = eb_parse_uint("--trials", optarg, 2, 1000, &o->trials); break;
		case 's': ok = eb_parse_uint("--seed", optarg, 0, ~0u, &seed); break;
		case 'a': o->accel = optarg; break;
		case 'p': ok = parse_double("--alpha", optarg, 1e-9, 0.5, &o->t.alpha); break;
		case 'r': ok = parse_double("--tau-rel", optarg, 0, 10, &o->t.tau_rel); break;
		case 't': ok = parse_double("--tau-abs", optarg, 0, 1e9, &o->t.tau_abs); break;
		case 'V': o->variants = optarg; break;
		case 'O': o->out_dir = optarg; break;
		case 'h': fputs(usage, stdout); return EB_EXIT_OK;
		default: fputs(usage, stderr); return EB_EXIT_BADUSAGE;
		}
	}
	o->seed = seed;
	if (!ok)
		return EB_EXIT_BADUSAGE;
	if (optind < argc) {
		eb_error("gate: unexpected argument '%s'", argv[optind]);
		return EB_EXIT_BADUSAGE;
	}
	if (o->cycles && (!o->base_dir || !o->new_dir)) {
		eb_error("gate --cycles needs --base-kernel-dir and --new-kernel-dir");
		return EB_EXIT_BADUSAGE;
	}
	if (!o->cycles && !o->baseline) {
		eb_error("gate needs --baseline FILE (or --cycles; see --help)");
		return EB_EXIT_BADUSAGE;
	}
	if (!o->cycles && o->current && o->kernel_dir) {
		eb_error("gate: --current and --kernel-dir exclude each other");
		return EB_EXIT_BADUSAGE;
	}
	return -1;
}

/* ---- deterministic gate ---- */

/* Parameters that change what is measured; trials do not. */
static bool same_parameters(const json_t *a, const json_t *b, char *which,
			    size_t size)
{
	static const char *const keys[] = { "k", "batches", "warmup", "boot" };
	const json_t *pa = json_object_get(a, "parameters");
	const json_t *pb = json_object_get(b, "parameters");

	*which = '\0';
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (!json_equal(json_object_get(pa, keys[i]), json_object_get(pb, keys[i]))) {
			size_t len = strlen(which);
			snprintf(which + len, size - len, "%s%s", len ? ", " : "", keys[i]);
		}
	return !*which;
}

/* Runs the matrix with the baseline's parameters, under TCG. */
static json_t *measure(const struct options *o, const json_t *base,
		       const char *out, char *err, size_t size)
{
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

/*
 * The FAIL line: each failing variant and why.  Variants a crash kept
 * from running are counted, not listed: the crash is the failure.
 */
static void print_failures(const struct eb_gate_row *rows, size_t n,
			   const char *unit)
{
	size_t not_run = 0;
	bool first = true;

	for (size_t i = 0; i < n; i++) {
		const struct eb_gate_row *r = &rows[i];
		if (!eb_gate_failed(r->verdict))
			continue;
		if (r->verdict == EB_GATE_NOT_RUN) {
			not_run++;
			continue;
		}
		printf("%s%s (%s) ", first ? "\ngate: FAIL: " : "; ",
		       r->name, r->mode);
		first = false;
		if (r->verdict == EB_GATE_WORSE)
			printf("%+.2f %s", r->cur - r->base, unit);
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

static int deterministic(const struct options *o)
{
	char err[1024], tmpdir[] = "/tmp/entrybench-gate.XXXXXX", out[4096];
	json_t *base = eb_results_read(o->baseline, err, sizeof(err)), *cur = NULL;
	int rc = EB_EXIT_BADUSAGE;

	if (!base) {
		eb_error("gate: %s", err);
		return rc;
	}
	const struct eb_tier *tier = eb_tier(eb_results_tier(base));
	if (!tier || strcmp(tier->unit, "insns") != 0) {
		eb_error("gate: %s: tier %s counts cycles, not instructions: a "
			 "baseline gates TCG counts only (gate --cycles compares "
			 "two kernel builds on a KVM host)", o->baseline,
			 eb_results_tier(base));
		goto out;
	}
	if (o->current) {
		cur = eb_results_read(o->current, err, sizeof(err));
	} else if (!mkdtemp(tmpdir)) {
		snprintf(err, sizeof(err), "cannot create a directory in /tmp");
	} else {
		snprintf(out, sizeof(out), "%s", o->out ? o->out : tmpdir);
		if (!o->out)
			strncat(out, "/current.json", sizeof(out) - strlen(out) - 1);
		fprintf(stderr, "gate: measuring the current tree under TCG\n");
		cur = measure(o, base, out, err, sizeof(err));
		if (!o->out)
			unlink(out);
		rmdir(tmpdir);
	}
	if (!cur) {
		eb_error("gate: %s", err);
		goto out;
	}
	char here[4200];
	snprintf(here, sizeof(here), "the kernels in %s, run now",
		 o->kernel_dir ? o->kernel_dir : "this build");
	const char *curname = o->current ? o->current : here;

	/* Its missing variants would read as vanished, its figures as final. */
	if (eb_results_interrupted(cur)) {
		eb_error("gate: %s is an interrupted run (\"interrupted\": true): "
			 "gate a complete one", curname);
		goto out;
	}
	/* A torture has verdicts, not counts; injected NMIs withhold them. */
	const json_t *params = json_object_get(cur, "parameters");
	if (json_object_get(params, "torture") || json_object_get(params, "inject_nmi")) {
		eb_error("gate: %s is a run with --torture or --inject-nmi: it has "
			 "no counts to gate", curname);
		goto out;
	}

	if (strcmp(eb_results_tier(cur), tier->name) != 0) {
		eb_error("gate: %s is tier '%s', the baseline is '%s': different units "
			 "never compare", curname, eb_results_tier(cur), tier->name);
		goto out;
	}
	if (!same_parameters(base, cur, err, sizeof(err)) && !o->force) {
		eb_error("gate: %s was measured with other parameters than the "
			 "baseline (%s); rerun with the baseline's, or --force",
			 curname, err);
		goto out;
	}

	const json_t *last = eb_baseline_last(base);
	printf("gate: baseline %s", o->baseline);
	if (last)
		printf(" (updated %s: %s)", json_string_value(json_object_get(last, "date")),
		       json_string_value(json_object_get(last, "reason")));
	printf("\n      current  %s\n", curname);
	if (eb_env_diff(json_object_get(base, "environment"),
			json_object_get(cur, "environment"), err, sizeof(err)))
		printf("note: environment differs (%s); TCG instruction counts "
		       "depend on guest code only, so the gate goes on\n", err);
	printf("\ntier %s (%s), unit %s\n", tier->name, tier->describe, tier->unit);

	struct eb_gate_row *rows;
	size_t n = eb_gate_insns(base, cur, &rows);
	int failed = eb_gate_print(stdout, rows, n, tier->unit);
	bool notes = false;
	for (size_t i = 0; i < n; i++) {
		const struct eb_gate_row *r = &rows[i];
		if (r->verdict != EB_GATE_NEW && r->verdict != EB_GATE_BETTER)
			continue;
		printf(notes ? "" : "\n");
		notes = true;
		if (r->verdict == EB_GATE_NEW)
			printf("new: %s (%s) is not in the baseline; it passes\n",
			       r->name, r->mode);
		else
			printf("fewer: %s (%s) now takes %.2f %s (baseline %.2f)\n",
			       r->name, r->mode, r->cur, tier->unit, r->base);
	}
	if (notes)
		printf("record them with: entrybench baseline update --reason \"...\"\n");
	if (failed) {
		print_failures(rows, n, tier->unit);
	} else {
		/* Say how many were actually compared: a skip gates nothing. */
		size_t skipped = 0, new = 0;
		for (size_t i = 0; i < n; i++) {
			skipped += rows[i].verdict == EB_GATE_SAME &&
				   isnan(rows[i].cur);
			new += rows[i].verdict == EB_GATE_NEW;
		}
		printf("\ngate: PASS (%zu variants compared, %zu new, %zu skipped "
		       "in both)\n", n - skipped - new, new, skipped);
	}
	free(rows);
	rc = failed ? EB_EXIT_FAILED : EB_EXIT_OK;
out:
	json_decref(base);
	json_decref(cur);
	return rc;
}

/* ---- cycle gate ---- */

struct verdict {
	struct eb_gate_stats s;
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
		out[n] = (struct verdict){ .s = eb_gate_stats(x, m, c ? y : x,
							      c ? k : 0, &o->t) };
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
		/* Not regressed is not faster: the test is one-sided. */
		bool not_run = v[i].broken && strcmp(v[i].broken, "not run") == 0;
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
 * The verdict line of the cycle gate: blocking is broken in either set or
 * regressed in both; variants another one's crash kept from running are
 * counted, not failed one by one.  Returns the number of failures.
 */
static int print_blocking(const struct eb_abba_result r[2],
			  struct verdict v[2][256], const size_t n[2], int sets)
{
	int failed = 0;
	size_t not_run = 0;

	for (size_t i = 0; i < n[0]; i++) {
		bool regressed = v[0][i].s.regressed && sets == 2 && i < n[1] &&
				 v[1][i].s.regressed;
		const char *broken = v[0][i].broken ? v[0][i].broken :
				     sets == 2 && i < n[1] ? v[1][i].broken : NULL;
		const json_t *var = json_array_get(json_object_get(r[0].arm[0],
							"variants"), i);
		if (!regressed && !broken) {
			if (v[0][i].s.regressed)
				printf("\nnot confirmed: %s: set 1 FAIL, set 2 ok\n",
				       json_string_value(json_object_get(var, "name")));
			continue;
		}
		/* Kept from running by another variant's crash: counted below. */
		if (!regressed && strcmp(broken, "not run") == 0) {
			not_run++;
			continue;
		}
		if (broken && strcmp(broken, "not run") == 0)
			broken = NULL;
		if (!failed++)
			printf("\ngate: FAIL:");
		printf(" %s (%s)", json_string_value(json_object_get(var, "name")),
		       !broken ? "slower, confirmed" :
		       strcmp(broken, "fail") == 0 ? "check failed" : broken);
	}
	if (not_run)
		printf("%s %zu not run (the boot ended before their turn)",
		       failed++ ? ";" : "\ngate: FAIL:", not_run);
	return failed;
}

static int cycles(const struct options *o)
{
	char why[512], err[1024], scratch[] = "/tmp/entrybench-abba.XXXXXX";
	const struct eb_tier *tier = eb_accel_choose(o->accel, "", why, sizeof(why));

	if (!tier) {
		eb_error("gate --cycles: %s", why);
		return EB_EXIT_BADUSAGE;
	}
	/*
	 * auto would fall back to TCG, whose instruction counts would then
	 * pass for a cycle gate.  Only an explicit --accel tcg runs it there.
	 */
	if (strcmp(o->accel, "auto") == 0 && strcmp(tier->name, "kvm") != 0) {
		eb_error("gate --cycles: refused: %s; cycles need hardware KVM "
			 "(--accel tcg exercises the orchestration only)", why);
		return EB_EXIT_BADUSAGE;
	}
	if (strcmp(tier->unit, "insns") == 0)
		printf("note: tier %s counts instructions: this exercises the cycle "
		       "gate's orchestration, its figures are not cycles\n", tier->name);
	/* Checked before any boot: a bad --out-dir must not cost the runs. */
	struct stat st;
	if (!eb_mkdirs(o->out_dir, err, sizeof(err))) {
		eb_error("gate: --out-dir: %s", err);
		return EB_EXIT_BADUSAGE;
	}
	if (stat(o->out_dir, &st) < 0 || !S_ISDIR(st.st_mode) ||
	    access(o->out_dir, W_OK | X_OK) != 0) {
		eb_error("gate: --out-dir %s is not a writable directory", o->out_dir);
		return EB_EXIT_BADUSAGE;
	}
	if (!mkdtemp(scratch)) {
		eb_error("gate: cannot create a directory in /tmp");
		return EB_EXIT_BADUSAGE;
	}

	const char *args[12] = { "--accel", tier->name };
	size_t na = 2;
	na = eb_selfrun_opt(args, na, "--variants", o->variants);
	eb_selfrun_opt(args, na, "--qemu", o->qemu);

	printf("cycle gate: base %s, candidate %s, %u trials per arm, seed %lu\n"
	       "FAIL when p < %g and HL ratio > %g and HL diff > %g %s, twice\n",
	       o->base_dir, o->new_dir, (o->trials + 1) / 2 * 2, o->seed,
	       o->t.alpha, 1 + o->t.tau_rel, o->t.tau_abs, tier->unit);

	struct eb_abba_result r[2] = { 0 };
	struct verdict v[2][256];
	size_t n[2] = { 0, 0 };
	int sets = 0, failed = 0, rc = EB_EXIT_BADUSAGE;
	bool first_failed = false;

	for (int set = 0; set < 2 && (set == 0 || first_failed); set++) {
		struct eb_abba_set s = {
			.base_dir = o->base_dir, .new_dir = o->new_dir,
			.run_args = args, .blocks = (o->trials + 1) / 2,
			/* The confirmation is independent: its own order. */
			.seed = o->seed + set, .scratch = scratch,
		};
		if (!eb_abba_run(&s, &r[set], err, sizeof(err))) {
			eb_error("gate: %s", err);
			goto out;
		}
		sets++;
		n[set] = judge(&r[set], o, v[set], 256);
		print_set(&r[set], v[set], n[set], tier->unit, set + 1);
		if (!write_set(o, &r[set], set + 1))
			goto out;
		for (size_t i = 0; i < n[set]; i++)
			first_failed |= v[set][i].broken || v[set][i].s.regressed;
		if (set == 0 && first_failed)
			printf("\nfirst set FAILs: confirming with an independent set\n");
	}

	failed = print_blocking(r, v, n, sets);
	printf(failed ? "\n" : "\ngate: PASS\n");
	printf("results and boot orders in %s\n", o->out_dir);
	rc = failed ? EB_EXIT_FAILED : EB_EXIT_OK;
out:
	for (int set = 0; set < 2; set++)
		eb_abba_free(&r[set]);
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
