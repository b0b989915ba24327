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
 * seeded ABBA order, analysed as pairs of neighbouring boots; a variant
 * fails when the distribution-free interval of its Hodges-Lehmann ratio
 * lies above the threshold (stats/shift_verdict.h), in a first set of
 * trials and again over both sets pooled once a second set is booted.
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
#include "results/render.h"
#include "results/results.h"
#include "results/table.h"
#include "results/view.h"
#include "run/abba_boots.h"
#include "run/run_as_child.h"
#include "stats/cycle_gate_test.h"
#include "stats/rank_null.h"
#include "tiers/tier.h"
#include "xray/attach.h"

static const struct eb_usage usage = {
	.cmd = "gate",
	.synopsis = "--baseline FILE [options]\n"
		    "   or: entrybench gate --cycles --base-kernel-dir A\n"
		    "                       --new-kernel-dir B [options]",
	.text = "The deterministic gate measures the current tree under TCG (or reads\n"
		"--current) with the baseline's parameters: any instruction count\n"
		"above the baseline's fails, as does a variant that vanished or fails\n"
		"its check; one the baseline does not know yet passes with a notice.\n"
		"A regressed variant whose baseline keeps its x-ray is x-rayed again\n"
		"and the difference printed by function and instruction.\n"
		"The cycle gate boots both builds in one seeded ABBA order and pairs\n"
		"neighbouring boots; a variant fails when the interval of its HL\n"
		"ratio (each end at --alpha, Wilcoxon signed-rank) lies above\n"
		"1 + max(--tau-rel, --tau-abs / base median), in a first set of\n"
		"trials and again over it and a second set pooled.  --trials too few\n"
		"to reach --alpha are refused before any boot.\n"
		"--format markdown suits a pull-request comment; json adds \"verdict\".\n"
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
	const char *format;
	unsigned trials, seed;
	struct eb_thresholds t;
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
			      "each end of the ratio's interval is wrong with "
			      "p <= P"),
		EB_OPT_DOUBLE("tau-rel", &o->t.tau_rel, 0, 10, "R",
			      "FAIL when the interval lies above 1 + R ..."),
		EB_OPT_DOUBLE("tau-abs", &o->t.tau_abs, 0, 1e9, "T",
			      "... and above T units, whichever is more"),
		EB_OPT_STRING("variants", 0, &o->variants, "a,b",
			      "gate only these variants"),
		EB_OPT_STRING("out-dir", 0, &o->out_dir, "DIR",
			      "each set's results files and boot orders"),
		EB_OPT_GROUP("both"),
		EB_OPT_STRING("qemu", 0, &o->qemu, "PATH", "QEMU binary"),
		EB_OPT_FORMAT(&o->format),
		EB_OPT_END,
	};

	*o = (struct options){ .trials = 10, .seed = 1, .accel = "kvm",
			       .on_new_kernel = "fail",
			       .out_dir = "results/gate-cycles", .format = "table",
			       .t = EB_THRESHOLDS_DEFAULT };
	return eb_options_parse(&usage, opts, argc, argv, first);
}

/*
 * Can --trials reach --alpha?  n pairs give p = 2^-n at best; a gate that
 * cannot fail is refused rather than booted.
 */
static bool enough_trials(const struct options *o)
{
	unsigned pairs = (o->trials + 1) / 2 * 2;
	unsigned need = eb_cycle_gate_min_trials(o->t.alpha);

	if (pairs >= need)
		return true;
	eb_option_error("gate", "--trials %u: %u pairs reach p = %.3g at best, "
			"above --alpha %g: no regression could ever fail; use "
			"--trials %u or more (or a larger --alpha)", o->trials,
			pairs, eb_signed_rank_min_p(pairs), o->t.alpha, need);
	return false;
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
	if (o->cycles && !enough_trials(o))
		return EB_EXIT_BADUSAGE;
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

/* What is gated against what. */
static void print_sources(struct eb_view *view, const struct options *o,
			  const json_t *base, const json_t *cur,
			  const char *curname, const char *note)
{
	const json_t *last = eb_baseline_last(base);
	char rev[128];
	bool known = eb_provenance_revision(cur, rev, sizeof(rev));

	if (last)
		eb_view_line(view, "gate: baseline %s (updated %s: %s)", o->baseline,
			     json_string_value(json_object_get(last, "date")),
			     json_string_value(json_object_get(last, "reason")));
	else
		eb_view_line(view, "gate: baseline %s", o->baseline);
	eb_view_line(view, "      current  %s%s%s%s", curname,
		     known ? " (revision " : "", known ? rev : "", known ? ")" : "");
	eb_view_text(view, note, false);
	eb_view_line(view, "%s", "");
	eb_view_set(view, "baseline", json_string(o->baseline));
	eb_view_set(view, "current", json_string(curname));
	eb_view_set(view, "revision", known ? json_string(rev) : json_null());
}

static void print_fewer(FILE *f, const struct eb_count_gate_row *r,
			const char *unit)
{
	char c[64], b[64];

	fprintf(f, "fewer: %s (%s) now takes %s %s (baseline %s)\n", r->name,
		r->mode, eb_format_figure(c, sizeof(c), r->cur, unit, false), unit,
		eb_format_figure(b, sizeof(b), r->base, unit, false));
}

/* New and cheaper variants pass; say so, and how to record them. */
static void print_notes(FILE *f, const struct eb_count_gate_row *rows,
			size_t n, const char *unit)
{
	bool notes = false;

	for (size_t i = 0; i < n; i++) {
		const struct eb_count_gate_row *r = &rows[i];
		if (r->verdict != EB_GATE_NEW && r->verdict != EB_GATE_BETTER)
			continue;
		fprintf(f, notes ? "" : "\n");
		notes = true;
		if (r->verdict == EB_GATE_NEW)
			fprintf(f, "new: %s (%s) is not in the baseline; it passes\n",
				r->name, r->mode);
		else
			print_fewer(f, r, unit);
	}
	if (notes)
		fprintf(f, "record them with: entrybench baseline update --reason \"...\"\n");
}

/* The FAIL line naming every failed variant, and why. */
static void print_failures(FILE *f, const struct eb_count_gate_row *rows,
			   size_t n, const char *unit)
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
		fprintf(f, "%s%s (%s) ", first ? "\ngate: FAIL: " : "; ",
			r->name, r->mode);
		first = false;
		if (r->verdict == EB_GATE_WORSE)
			fprintf(f, "%s %s", eb_format_figure(d, sizeof(d),
					r->cur - r->base, unit, true), unit);
		else if (r->verdict == EB_GATE_MISSING)
			fprintf(f, "missing from the current run");
		else
			fprintf(f, "%s%s%s%s", r->why, *r->detail ? " (" : "",
				r->detail, *r->detail ? ")" : "");
	}
	if (not_run)
		fprintf(f, "%s%zu variant%s not run: the boot ended before %s turn",
			first ? "\ngate: FAIL: " : "; ", not_run,
			not_run == 1 ? "" : "s", not_run == 1 ? "its" : "their");
	fprintf(f, "\n");
}

/* Say how many were actually compared: a skip gates nothing. */
static void print_pass(FILE *f, const struct eb_count_gate_row *rows, size_t n)
{
	size_t skipped = 0, new = 0;

	for (size_t i = 0; i < n; i++) {
		skipped += rows[i].verdict == EB_GATE_SAME && isnan(rows[i].cur);
		new += rows[i].verdict == EB_GATE_NEW;
	}
	fprintf(f, "\ngate: PASS (%zu variants compared, %zu new, %zu skipped "
		"in both)\n", n - skipped - new, new, skipped);
}

/* The table and the verdict; true if a variant failed. */
static bool gate_counts(struct eb_view *view, const json_t *base,
			const json_t *cur, const struct eb_tier *tier)
{
	struct eb_count_gate_row *rows;
	size_t n = eb_count_gate_rows(base, cur, &rows);
	bool failed = eb_count_gate_table(view, tier->name, rows, n);
	char *text;
	size_t len;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		abort();
	print_notes(f, rows, n, tier->unit);
	if (failed)
		print_failures(f, rows, n, tier->unit);
	else
		print_pass(f, rows, n);
	fclose(f);
	eb_view_text(view, text, false);
	eb_view_set(view, "verdict", json_string(failed ? "FAIL" : "PASS"));
	free(text);
	free(rows);
	return failed;
}

/*
 * A regression of a variant whose baseline keeps its x-ray: the
 * candidate's x-ray, taken now (a --current run is measured already: it
 * is used if it has one), and the difference by function.
 */
static void explain(struct eb_view *view, const struct options *o,
		    const json_t *base, json_t *cur)
{
	struct eb_count_gate_row *rows;
	size_t n = eb_count_gate_rows(base, cur, &rows), k = 0;
	const char *names[64];
	char line[4096];

	for (size_t i = 0; i < n && k < N_OF(names); i++)
		if (rows[i].verdict == EB_GATE_WORSE &&
		    json_object_get(eb_results_variant(base, rows[i].name,
						       rows[i].mode), "xray"))
			names[k++] = rows[i].name;
	if (k && !o->current)
		eb_xray_attach(cur, "gate", o->kernel_dir, o->qemu, names, k);
	for (size_t i = 0; i < n; i++) {
		const json_t *v = eb_results_variant(base, rows[i].name, rows[i].mode);
		if (rows[i].verdict == EB_GATE_WORSE &&
		    eb_xray_explain(v, eb_results_same_variant(cur, v), line,
				    sizeof(line)))
			eb_view_line(view, "%s", line);
	}
	free(rows);
}

/* The probe of res with that name in that column (a linux file). */
static json_t *probe_in(const json_t *res, const char *name, const char *column)
{
	size_t i;
	json_t *v;

	json_array_foreach(json_object_get(res, "variants"), i, v)
		if (strcmp(json_string_value(json_object_get(v, "name")), name) == 0 &&
		    eb_variant_column(v) && strcmp(eb_variant_column(v), column) == 0)
			return v;
	return NULL;
}

/* explain() for a linux baseline: its rows are probes of a column. */
static void explain_linux(struct eb_view *view, const struct options *o,
			  const json_t *base, json_t *cur)
{
	struct eb_count_gate_row *rows;
	size_t n = eb_count_gate_rows(base, cur, &rows), k = 0;
	json_t *vars[64];
	char line[4096];

	for (size_t i = 0; i < n && k < N_OF(vars); i++) {
		json_t *w = probe_in(cur, rows[i].name, rows[i].mode);
		if (rows[i].verdict == EB_GATE_WORSE && w &&
		    json_object_get(probe_in(base, rows[i].name, rows[i].mode), "xray"))
			vars[k++] = w;
	}
	if (k && !o->current)
		eb_xray_attach_linux(cur, "gate", o->linux_kernel, o->qemu, vars, k);
	for (size_t i = 0; i < n; i++)
		if (rows[i].verdict == EB_GATE_WORSE &&
		    eb_xray_explain(probe_in(base, rows[i].name, rows[i].mode),
				    probe_in(cur, rows[i].name, rows[i].mode),
				    line, sizeof(line)))
			eb_view_line(view, "%s [%s]", line, rows[i].mode);
	free(rows);
}

static int deterministic(const struct options *o)
{
	const struct eb_tier *tier;
	char err[1024], here[4200], note[1024];
	json_t *base = read_baseline(o, &tier), *cur = NULL;
	struct eb_view *view = eb_view_new("gate");
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
	print_sources(view, o, base, cur, curname, note);
	rc = gate_counts(view, base, cur, tier) ? EB_EXIT_FAILED : EB_EXIT_OK;
	if (rc == EB_EXIT_FAILED && !eb_linux_results(base))
		explain(view, o, base, cur);
	else if (rc == EB_EXIT_FAILED)
		explain_linux(view, o, base, cur);
	eb_view_render(stdout, view, eb_format_of(o->format));
out:
	eb_view_free(view);
	json_decref(base);
	json_decref(cur);
	return rc;
}

/* ---- cycle gate ---- */

struct verdict {
	struct eb_change c;	/* the set's pairs */
	const char *broken;	/* candidate status when it did not pass */
};

static const char *name_of(const json_t *v)
{
	return json_string_value(json_object_get(v, "name"));
}

static const char *mode_of(const json_t *v)
{
	return json_string_value(json_object_get(v, "mode"));
}

/* Pairs that cannot reach alpha, though trials passed: nothing gated. */
static bool undecided(const struct verdict *v)
{
	return v->c.m && v->c.verdict == EB_IMPOSSIBLE;
}

/* Set 1 alone would fail the variant; a second set then decides. */
static bool fails_set(const struct verdict *v)
{
	return v->broken || v->c.verdict == EB_SLOWER || undecided(v);
}

/*
 * The verdict of every variant of the base arm in one set, on its pairs
 * of neighbouring boots, whatever the unit (under TCG the orchestration
 * is exercised on instruction counts).
 */
static size_t judge(const struct eb_abba_result *r, const struct options *o,
		    struct verdict *out, size_t max)
{
	const json_t *bv = json_object_get(r->arm[0], "variants");
	size_t i, n = 0;
	json_t *v;

	json_array_foreach(bv, i, v) {
		const json_t *c = eb_results_variant(r->arm[1], name_of(v), mode_of(v));

		if (n == max)
			break;
		out[n] = (struct verdict){ .c = { .verdict = EB_IMPOSSIBLE } };
		const json_t *base = v;
		if (c)
			out[n].c = eb_compare_pooled(&base, &c, 1, &o->t);
		const char *status = c ? json_string_value(json_object_get(c, "status"))
				       : "missing";
		if (strcmp(status, "pass") != 0 && strcmp(status, "skipped") != 0)
			out[n].broken = status;
		n++;
	}
	return n;
}

/* The cycle gate's columns; set says which table a CSV row is from. */
static const struct eb_col set_cols[] = {
	{ "set", "set", EB_COL_DATA },
	{ "variant", "variant", 0 },
	{ "mode", "mode", 0 },
	{ "pairs", "pairs", EB_COL_RIGHT },
	{ "ratio", "HL ratio", EB_COL_RIGHT },
	{ "interval", "interval", EB_COL_RIGHT | EB_COL_HUMAN },
	{ "lo", "lo", EB_COL_DATA },
	{ "hi", "hi", EB_COL_DATA },
	{ "limit", "limit", EB_COL_RIGHT },
	{ "verdict", "verdict", 0 },
};

/* Ratio, interval and limit of a change; "-" where there is none. */
static void print_change(struct eb_vtable *t, const struct eb_change *c)
{
	bool none = !c->m || c->verdict == EB_IMPOSSIBLE;

	eb_vnumber(t, (double)c->m, "%.0f");
	eb_vnumber(t, c->m ? c->ratio : NAN, "%.4f");
	if (!c->m)
		eb_vstr(t, "-");
	else if (none)
		eb_vstr(t, "[-, -]");
	else
		eb_vstr(t, "[%7.4f, %7.4f]", c->lo, c->hi);
	eb_vnumber(t, none ? NAN : c->lo, "%.4f");
	eb_vnumber(t, none ? NAN : c->hi, "%.4f");
	eb_vnumber(t, c->m ? c->threshold : NAN, "%.4f");
}

/* The verdict column: FAIL and why, or the rule's verdict. */
static void print_row_verdict(struct eb_vtable *t, const struct verdict *v)
{
	if (v->broken && strcmp(v->broken, "not run") == 0)
		eb_vstr(t, "not run");	/* another variant's crash is the FAIL */
	else if (v->broken)
		eb_vstr(t, "FAIL (%s)", v->broken);
	else if (v->c.verdict == EB_SLOWER)
		eb_vstr(t, "FAIL (%+.2f %s)", v->c.diff, t->unit);
	else if (undecided(v))
		eb_vstr(t, "FAIL (%zu pairs cannot reach alpha)", v->c.m);
	else if (!v->c.m)
		eb_vstr(t, "no figure");
	else
		eb_vstr(t, "%s", eb_shift_outcome_name(v->c.verdict));
}

/* One row of a set's (or the pooled) table. */
static void verdict_row(struct eb_vtable *t, const char *set, const json_t *var,
			const struct verdict *v)
{
	eb_vrow(t);
	eb_vstr(t, "%s", set);
	eb_vstr(t, "%s", name_of(var));
	eb_vstr(t, "%s", mode_of(var));
	print_change(t, &v->c);
	print_row_verdict(t, v);
}

static void print_set(struct eb_view *view, const struct eb_abba_result *r,
		      const struct verdict *v, size_t n, const char *tier, int set)
{
	const json_t *bv = json_object_get(r->arm[0], "variants");
	char name[16];

	snprintf(name, sizeof(name), "%d", set);
	eb_view_line(view, "%s", "");
	eb_view_line(view, "set %d, boot order %s", set, r->order);
	struct eb_vtable *t = eb_view_table(view, tier, name, set_cols,
					    N_OF(set_cols));
	for (size_t i = 0; i < n; i++)
		verdict_row(t, name, json_array_get(bv, i), &v[i]);
	/* A variant only the candidate has cannot regress: say so, pass it. */
	size_t j;
	json_t *c;
	json_array_foreach(json_object_get(r->arm[1], "variants"), j, c)
		if (!eb_results_variant(r->arm[0], name_of(c), mode_of(c)))
			eb_view_line(view, "new: %s (%s) is not in the base kernel; "
				     "it passes", name_of(c), mode_of(c));
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
static const struct eb_tier *cycle_tier(const struct options *o,
					struct eb_view *view)
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
		eb_view_line(view, "note: tier %s counts instructions: this "
			     "exercises the cycle gate's orchestration, its "
			     "figures are not cycles", tier->name);
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
	struct verdict pooled[256];	/* set 1's variants over both sets' pairs */
	size_t n[2];
	int sets;
	struct eb_view *view;	/* what the gate prints */
	enum eb_format format;
};

/* Set 1 failed a variant: is it still slower over the pairs of both sets? */
static bool confirming(const struct verdict *v)
{
	return !v->broken && (v->c.verdict == EB_SLOWER || undecided(v));
}

/*
 * The confirmation: every variant set 1 failed on its figures, over the
 * pairs of both sets.  Pooling keeps the level at alpha (one test), and
 * a disturbance that hit set 1 alone is diluted by set 2's pairs.
 */
static void pool_sets(struct cycle_sets *c, const struct options *o,
		      const char *tier)
{
	const json_t *bv = json_object_get(c->r[0].arm[0], "variants");
	const json_t *b[2], *n[2];

	eb_view_line(c->view, "%s", "");
	eb_view_line(c->view, "sets 1 and 2 pooled, for what set 1 failed:");
	struct eb_vtable *t = eb_view_table(c->view, tier, "pooled", set_cols,
					    N_OF(set_cols));
	for (size_t i = 0; i < c->n[0]; i++) {
		const json_t *v = json_array_get(bv, i);
		/* Gone from set 2: its status there is the FAIL, not a verdict. */
		c->pooled[i] = (struct verdict){ .c = { .verdict = EB_IMPOSSIBLE } };
		if (!confirming(&c->v[0][i]))
			continue;
		for (int s = 0; s < 2; s++) {
			b[s] = eb_results_variant(c->r[s].arm[0], name_of(v), mode_of(v));
			n[s] = eb_results_variant(c->r[s].arm[1], name_of(v), mode_of(v));
		}
		if (b[1] && n[1])
			c->pooled[i].c = eb_compare_pooled(b, n, 2, &o->t);
		verdict_row(t, "pooled", v, &c->pooled[i]);
	}
}

/* Boots one set; false after saying why if it could not be run or written. */
static bool run_set(const struct options *o, const char *const *args,
		    const char *scratch, struct cycle_sets *c, int set)
{
	char err[1024];
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
	return write_set(o, &c->r[set], set + 1);
}

/*
 * Runs, prints and writes set 1, and set 2 when set 1 FAILs, then pools
 * them; false (after saying why) if a set could not be run or written.
 */
static bool run_sets(const struct options *o, const struct eb_tier *tier,
		     const char *scratch, struct cycle_sets *c)
{
	const char *args[12] = { "--accel", tier->name };
	size_t na = 2;
	bool first_failed = false;

	na = eb_selfrun_opt(args, na, "--variants", o->variants);
	eb_selfrun_opt(args, na, "--qemu", o->qemu);
	if (!run_set(o, args, scratch, c, 0))
		return false;
	print_set(c->view, &c->r[0], c->v[0], c->n[0], tier->name, 1);
	for (size_t i = 0; i < c->n[0]; i++)
		first_failed |= fails_set(&c->v[0][i]);
	if (!first_failed)
		return true;
	eb_view_line(c->view, "%s", "");
	eb_view_line(c->view, "first set FAILs: confirming with an independent set");
	/* The second set takes as long again: show the first meanwhile. */
	eb_view_flush(stdout, c->view, c->format);
	if (!run_set(o, args, scratch, c, 1))
		return false;
	print_set(c->view, &c->r[1], c->v[1], c->n[1], tier->name, 2);
	pool_sets(c, o, tier->name);
	return true;
}

/* Why variant i blocks: NULL when it does not, "not run" counted apart. */
static const char *blocking(const struct cycle_sets *c, size_t i)
{
	const struct verdict *v0 = &c->v[0][i], *p = &c->pooled[i];
	bool second = c->sets == 2 && i < c->n[1];
	const char *broken = v0->broken ? v0->broken :
			     second ? c->v[1][i].broken : NULL;

	if (second && confirming(v0) && p->c.verdict == EB_SLOWER)
		return "slower, confirmed";
	if (second && confirming(v0) && undecided(p))
		return "too few pairs to reach alpha";
	if (!broken)
		return NULL;
	return strcmp(broken, "fail") == 0 ? "check failed" : broken;
}

/*
 * Blocking: broken in either set, or failed by set 1 and by both sets
 * pooled.  Variants another one's crash kept from running are counted,
 * not failed one by one.  True if any variant blocks.
 */
static bool print_verdict(FILE *f, const struct cycle_sets *c)
{
	const json_t *vars = json_object_get(c->r[0].arm[0], "variants");
	size_t not_run = 0;
	int failed = 0;

	for (size_t i = 0; i < c->n[0]; i++) {
		const char *why = blocking(c, i);
		const char *name = name_of(json_array_get(vars, i));
		if (!why) {
			if (confirming(&c->v[0][i]))
				fprintf(f, "\nnot confirmed: %s: set 1 FAIL, sets 1 "
					"and 2 pooled: %s\n", name,
					eb_shift_outcome_name(c->pooled[i].c.verdict));
		} else if (strcmp(why, "not run") == 0) {
			not_run++;
		} else {
			fprintf(f, "%s %s (%s)", failed++ ? "" : "\ngate: FAIL:",
				name, why);
		}
	}
	if (not_run)
		fprintf(f, "%s %zu not run (the boot ended before their turn)",
			failed++ ? ";" : "\ngate: FAIL:", not_run);
	fprintf(f, failed ? "\n" : "\ngate: PASS\n");
	return failed;
}

/* The verdict's lines in the view; true if any variant blocks. */
static bool cycle_verdict(struct cycle_sets *c, const struct options *o)
{
	char *text;
	size_t len;
	FILE *f = open_memstream(&text, &len);
	bool failed;

	if (!f)
		abort();
	failed = print_verdict(f, c);
	fprintf(f, "results and boot orders in %s\n", o->out_dir);
	fclose(f);
	eb_view_text(c->view, text, false);
	free(text);
	eb_view_set(c->view, "verdict", json_string(failed ? "FAIL" : "PASS"));
	return failed;
}

/* What the gate does, above its tables. */
static void cycle_heading(struct eb_view *view, const struct options *o,
			  const struct eb_tier *tier)
{
	eb_view_line(view, "cycle gate: base %s, candidate %s, %u trials per arm, "
		     "seed %u", o->base_dir, o->new_dir, (o->trials + 1) / 2 * 2,
		     o->seed);
	eb_view_line(view, "pairs of neighbouring boots; FAIL when the HL ratio's "
		     "interval (each end p <= %g,", o->t.alpha);
	eb_view_line(view, "Wilcoxon signed-rank) lies above limit = 1 + max(%g, "
		     "%g %s / base median),", o->t.tau_rel, o->t.tau_abs, tier->unit);
	eb_view_line(view, "in set 1 and over sets 1 and 2 pooled");
	eb_view_set(view, "base_kernel_dir", json_string(o->base_dir));
	eb_view_set(view, "new_kernel_dir", json_string(o->new_dir));
}

static int cycles(const struct options *o)
{
	char scratch[] = "/tmp/entrybench-abba.XXXXXX";
	struct cycle_sets c = { .view = eb_view_new("gate"),
				.format = eb_format_of(o->format) };
	const struct eb_tier *tier = cycle_tier(o, c.view);
	int rc = EB_EXIT_BADUSAGE;

	if (!tier || !usable_out_dir(o->out_dir))
		goto out;
	if (!mkdtemp(scratch)) {
		eb_error("gate: cannot create a directory in /tmp");
		goto out;
	}
	cycle_heading(c.view, o, tier);
	eb_view_flush(stdout, c.view, c.format);
	if (run_sets(o, tier, scratch, &c)) {
		rc = cycle_verdict(&c, o) ? EB_EXIT_FAILED : EB_EXIT_OK;
		eb_view_render(stdout, c.view, c.format);
	}
	for (int set = 0; set < 2; set++)
		eb_abba_free(&c.r[set]);
	rmdir(scratch);
out:
	eb_view_free(c.view);
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
