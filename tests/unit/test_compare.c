/* SPDX-License-Identifier: MIT */
/*
 * Comparing results documents: which environment fields differ, exact
 * changes of instruction counts, the deterministic gate's verdicts, and
 * the history a baseline update records.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "assert_close.h"
#include "results/baseline.h"
#include "results/compare.h"
#include "results/count_gate.h"
#include "results/render.h"
#include "results/view.h"

/* Runs of spaces as one: table columns are aligned to their contents. */
static void squeeze(char *s)
{
	char *start = s, *o = s;

	for (; *s; s++)
		if (*s != ' ' || o == start || o[-1] != ' ')
			*o++ = *s;
	*o = '\0';
}

static json_t *env(const char *qemu, const char *microcode)
{
	return json_pack("{s:s, s:{s:s}, s:{s:s}, s:{s:s, s:s}, s:{s:s}, s:s}",
			 "tier", "tcg", "host_kernel", "release", "6.1",
			 "qemu", "version", qemu,
			 "cpu", "vendor", "AuthenticAMD", "microcode", microcode,
			 "mitigations", "retbleed", "Not affected",
			 "fingerprint", "00");
}

static void env_diff(void **state)
{
	(void)state;
	char out[256];
	json_t *a = env("7.2", "0x1"), *b = env("7.2", "0x1");

	assert_false(eb_env_diff(a, b, out, sizeof(out)));
	assert_string_equal(out, "");
	json_decref(b);
	b = env("8.0", "0x2");
	assert_true(eb_env_diff(a, b, out, sizeof(out)));
	assert_string_equal(out, "qemu.version, cpu.microcode");
	/* A member only one side has counts too. */
	json_object_set_new(json_object_get(b, "mitigations"), "mds",
			    json_string("Vulnerable"));
	json_object_set_new(json_object_get(b, "qemu"), "version", json_string("7.2"));
	json_object_set_new(json_object_get(b, "cpu"), "microcode", json_string("0x1"));
	assert_true(eb_env_diff(a, b, out, sizeof(out)));
	assert_string_equal(out, "mitigations.mds");
	/* Same fields, other hash: not silently equal. */
	json_object_del(json_object_get(b, "mitigations"), "mds");
	json_object_set_new(b, "fingerprint", json_string("11"));
	assert_true(eb_env_diff(a, b, out, sizeof(out)));
	assert_string_equal(out, "fingerprint");
	json_decref(a);
	json_decref(b);
}

/* A variant with passing trials of the given values (0 = a failed trial). */
static json_t *variant(const char *name, const char *status, int n, ...)
{
	json_t *trials = json_array();
	va_list ap;

	va_start(ap, n);
	for (int i = 0; i < n; i++) {
		double v = va_arg(ap, double);
		json_array_append_new(trials, json_pack("{s:i, s:s, s:o}", "boot", i,
			"status", v ? "pass" : "fail",
			"value", v ? json_real(v) : json_null()));
	}
	va_end(ap);
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:o}", "name", name,
			 "mode", "x86_64", "tier", "tcg", "unit", "insns",
			 "status", status, "trials", trials);
}

static json_t *doc(json_t *v1, json_t *v2, json_t *v3)
{
	json_t *d = json_pack("{s:{s:s, s:s}, s:[]}", "environment", "tier", "tcg",
			      "fingerprint", "ab", "variants");
	json_t *vs = json_object_get(d, "variants");
	if (v1)
		json_array_append_new(vs, v1);
	if (v2)
		json_array_append_new(vs, v2);
	if (v3)
		json_array_append_new(vs, v3);
	return d;
}

static void exact_change(void **state)
{
	(void)state;
	struct eb_compare_opts o = { .t = EB_THRESHOLDS_DEFAULT };
	json_t *a = variant("x", "pass", 3, 92.0, 92.0, 92.0);
	json_t *b = variant("x", "pass", 3, 97.0, 0.0, 97.0);
	struct eb_change c = eb_compare_variant(a, b, &o);

	assert_true(c.exact);
	assert_int_equal(c.m, 3);
	assert_int_equal(c.n, 2);	/* the failed trial is not a figure */
	assert_close(c.diff, 5, 0);
	assert_close(c.ratio, 97.0 / 92, 1e-15);
	assert_true(isnan(c.lo) && isnan(c.hi));
	json_decref(a);
	json_decref(b);
}

/* One arm of an ABBA set: kvm trials with these values (0 = failed), boots 0.. */
static json_t *arm(const char *which, int n, const double *values)
{
	json_t *v = variant("x", "pass", 0);
	json_t *trials = json_object_get(v, "trials");

	json_object_set_new(v, "tier", json_string("kvm"));
	json_object_set_new(v, "unit", json_string("tsc_cycles"));
	for (int i = 0; i < n; i++)
		json_array_append_new(trials, json_pack("{s:i, s:s, s:o}", "boot", i,
			"status", values[i] ? "pass" : "fail",
			"value", values[i] ? json_real(values[i]) : json_null()));
	json_t *d = doc(v, NULL, NULL);
	json_object_set_new(d, "abba", json_pack("{s:s, s:s, s:i}", "arm", which,
			    "order", "ABBABAABABBA", "seed", 3));
	return d;
}

/*
 * The two arms of a set are paired by trial index: a block effect that
 * moves both trials of a pair (+10 % in pairs 2 and 3) cancels, which an
 * analysis of two independent samples cannot do; a failed trial drops
 * its pair; two sets pool their pairs.
 */
static void abba_pairs(void **state)
{
	(void)state;
	static const double a[] = { 1000, 1001, 1100, 1101, 999, 1000 };
	static const double b[] = { 1030, 1031, 1133, 1134, 1029, 0 };
	json_t *da = arm("A", 6, a), *db = arm("B", 6, b);
	const json_t *va = json_array_get(json_object_get(da, "variants"), 0);
	const json_t *vb = json_array_get(json_object_get(db, "variants"), 0);
	struct eb_compare_opts o = { .t = EB_THRESHOLDS_DEFAULT, .paired = true };

	assert_true(eb_abba_arms(da, db));
	assert_false(eb_abba_arms(da, da));	/* one arm twice */
	struct eb_change c = eb_compare_variant(va, vb, &o);
	assert_true(c.paired);
	assert_int_equal(c.m, 5);
	assert_int_equal(c.n, 5);
	/* 5 pairs reach p = 1/32 at best: not alpha 0.01, but 0.05 */
	assert_int_equal(c.verdict, EB_IMPOSSIBLE);
	o.t.alpha = 0.05;
	c = eb_compare_variant(va, vb, &o);
	assert_int_equal(c.verdict, EB_SLOWER);
	assert_true(c.lo > 1.028 && c.hi < 1.032);
	o.paired = false;
	c = eb_compare_variant(va, vb, &o);
	assert_int_equal(c.m, 6);
	assert_int_equal(c.n, 5);
	assert_int_not_equal(c.verdict, EB_SLOWER);	/* the blocks blur it */

	/* Two sets: 10 pairs reach 0.01. */
	const json_t *base[2] = { va, va }, *new[2] = { vb, vb };
	c = eb_compare_pooled(base, new, 2, &(struct eb_thresholds)EB_THRESHOLDS_DEFAULT);
	assert_int_equal(c.m, 10);
	assert_int_equal(c.verdict, EB_SLOWER);

	json_object_set_new(json_object_get(db, "abba"), "seed", json_integer(4));
	assert_false(eb_abba_arms(da, db));
	json_decref(da);
	json_decref(db);
}

static void gate_rows(void **state)
{
	(void)state;
	json_t *base = doc(variant("same", "pass", 2, 4.0, 4.0),
			   variant("worse", "pass", 2, 92.0, 92.0),
			   variant("gone", "pass", 1, 10.0));
	json_t *cur = doc(variant("worse", "pass", 2, 93.0, 93.0),
			  variant("same", "pass", 2, 4.0, 4.0),
			  variant("added", "pass", 1, 7.0));
	json_t *cv = json_object_get(cur, "variants");
	/* Tier nested's vs_tcg, the current's: as show says it. */
	json_object_set_new(json_array_get(cv, 1), "vs_tcg",
			    json_pack("{s:f, s:b}", "tcg", 4.0, "equal", 1));
	json_object_set_new(json_array_get(cv, 2), "vs_tcg",
			    json_pack("{s:s}", "tcg_skipped", "no hypervisor"));
	struct eb_count_gate_row *r;
	size_t n = eb_count_gate_rows(base, cur, &r);

	assert_int_equal(n, 4);
	assert_string_equal(r[0].name, "same");
	assert_int_equal(r[0].verdict, EB_GATE_SAME);
	assert_string_equal(r[0].vs_tcg, "equal");
	assert_string_equal(r[1].vs_tcg, "-");
	assert_string_equal(r[2].vs_tcg, "-");	/* gone: the baseline's */
	assert_string_equal(r[3].vs_tcg, "exits");
	assert_string_equal(r[1].name, "worse");
	assert_int_equal(r[1].verdict, EB_GATE_WORSE);
	assert_close(r[1].cur - r[1].base, 1, 0);
	assert_int_equal(r[2].verdict, EB_GATE_MISSING);
	assert_string_equal(r[3].name, "added");
	assert_int_equal(r[3].verdict, EB_GATE_NEW);
	assert_false(eb_count_gate_failed(EB_GATE_NEW));
	assert_true(eb_count_gate_failed(EB_GATE_MISSING));
	free(r);
	json_decref(cur);

	/* Fewer passes; a failed check fails however cheap. */
	cur = doc(variant("same", "pass", 1, 3.0), variant("worse", "fail", 1, 0.0),
		  variant("gone", "skipped", 0));
	n = eb_count_gate_rows(base, cur, &r);
	assert_int_equal(n, 3);
	assert_int_equal(r[0].verdict, EB_GATE_BETTER);
	assert_int_equal(r[1].verdict, EB_GATE_BROKEN);
	assert_string_equal(r[1].why, "fail");
	assert_int_equal(r[2].verdict, EB_GATE_BROKEN);	/* newly skipped */
	free(r);
	json_decref(cur);

	/*
	 * A crash in "worse": "same" was never run, which is not a pass (it
	 * was not compared) but not its failure either; a new variant that
	 * crashes fails.
	 */
	cur = doc(variant("same", "not run", 0), variant("worse", "crashed", 0),
		  variant("added", "crashed", 0));
	n = eb_count_gate_rows(base, cur, &r);
	assert_int_equal(n, 4);
	assert_int_equal(r[0].verdict, EB_GATE_NOT_RUN);
	assert_true(eb_count_gate_failed(EB_GATE_NOT_RUN));
	assert_int_equal(r[1].verdict, EB_GATE_BROKEN);
	assert_string_equal(r[1].why, "crashed");
	assert_int_equal(r[3].verdict, EB_GATE_BROKEN);
	char *out;
	size_t len;
	FILE *f = open_memstream(&out, &len);
	struct eb_view *view = eb_view_new("gate");
	assert_int_equal(eb_count_gate_table(view, "tcg", r, n), 4);
	eb_view_render(f, view, EB_FORMAT_TABLE);
	eb_view_free(view);
	fclose(f);
	assert_memory_equal(out, "tier tcg (", 10);
	squeeze(out);
	assert_non_null(strstr(out, "\nsame x86_64 4 - - - not run\n"));
	assert_non_null(strstr(out, "FAIL (crashed)"));
	free(out);
	free(r);
	json_decref(cur);
	json_decref(base);
}

static void baseline_history(void **state)
{
	(void)state;
	char err[256];
	json_t *old = doc(variant("a", "pass", 1, 4.0), variant("b", "pass", 1, 92.0), NULL);
	json_t *res = doc(variant("a", "pass", 1, 5.0), variant("c", "pass", 1, 7.0), NULL);

	assert_true(eb_baseline_fit(res, err, sizeof(err)));
	eb_baseline_make(old, NULL, "first", "run", "2025-01-01T00:00:00Z");
	eb_baseline_make(res, old, "second", "f.json", "2025-02-01T00:00:00Z");

	const json_t *h = json_object_get(json_object_get(res, "baseline"), "history");
	assert_int_equal(json_array_size(h), 2);
	const json_t *last = eb_baseline_last(res);
	assert_string_equal(json_string_value(json_object_get(last, "reason")), "second");
	/* a: 4 -> 5, c: new, b: dropped but its figure kept */
	const json_t *v = json_object_get(last, "values");
	assert_int_equal(json_array_size(v), 3);
	assert_close(json_number_value(json_object_get(json_array_get(v, 0), "before")), 4, 0);
	assert_close(json_number_value(json_object_get(json_array_get(v, 0), "after")), 5, 0);
	assert_true(json_is_null(json_object_get(json_array_get(v, 1), "before")));
	assert_string_equal(json_string_value(json_object_get(json_array_get(v, 2), "name")), "b");
	assert_true(json_is_null(json_object_get(json_array_get(v, 2), "after")));

	json_t *bad = doc(variant("a", "fail", 1, 0.0), NULL, NULL);
	assert_false(eb_baseline_fit(bad, err, sizeof(err)));
	assert_non_null(strstr(err, "a (x86_64) did not pass (fail)"));
	json_decref(bad);
	/* The crash is named, not a variant it kept from running. */
	bad = doc(variant("a", "not run", 0), variant("b", "crashed", 0), NULL);
	assert_false(eb_baseline_fit(bad, err, sizeof(err)));
	assert_non_null(strstr(err, "b (x86_64) did not pass (crashed)"));
	json_decref(bad);
	json_decref(old);
	json_decref(res);
}

/* A run of tier tcg with the given k and boot (NULL: absent, as native). */
static json_t *run(const char *tier, int k, const char *boot)
{
	json_t *d = json_pack("{s:{s:s, s:s}, s:{}, s:[]}", "environment",
			      "tier", tier, "fingerprint", "ab", "parameters",
			      "variants");
	json_t *p = json_object_get(d, "parameters");
	if (k)
		json_object_set_new(p, "k", json_integer(k));
	if (boot)
		json_object_set_new(p, "boot", json_string(boot));
	return d;
}

/* compare, gate and plot share one set of checks: each can refuse. */
static void comparability(void **state)
{
	(void)state;
	char msg[1024];
	json_t *a = run("tcg", 64, "pvh"), *b = run("tcg", 64, "pvh");

	assert_true(eb_check_comparable(a, "A", b, "B", false, msg, sizeof(msg)));
	assert_string_equal(msg, "");

	json_object_set_new(json_object_get(b, "parameters"), "k", json_integer(32));
	json_object_del(json_object_get(b, "parameters"), "boot");
	assert_false(eb_check_comparable(a, "A", b, "B", false, msg, sizeof(msg)));
	assert_string_equal(msg, "A and B were measured with other run parameters "
			    "(k 64 vs 32, boot \"pvh\" vs absent): their figures "
			    "are not comparable; measure with the same ones, or --force");
	assert_true(eb_check_comparable(a, "A", b, "B", true, msg, sizeof(msg)));
	assert_non_null(strstr(msg, "warning: run parameters differ (k 64 vs 32"));

	/* Native runs have none of them: absent in both is the same. */
	json_t *n1 = run("native", 0, NULL), *n2 = run("native", 0, NULL);
	assert_true(eb_check_comparable(n1, "N1", n2, "N2", false, msg, sizeof(msg)));
	assert_false(eb_check_comparable(a, "A", n1, "N1", true, msg, sizeof(msg)));
	assert_non_null(strstr(msg, "A is tier 'tcg', N1 is tier 'native'"));

	/* No timings: refused whichever side, force or not, with the reason. */
	json_object_set_new(json_object_get(b, "parameters"), "torture",
			    json_string("nmi"));
	assert_false(eb_check_comparable(a, "A", b, "B", true, msg, sizeof(msg)));
	assert_string_equal(msg, "B is an NMI torture run (--torture nmi): it has "
			    "verdicts, not timings (entrybench show prints them)");
	json_object_set_new(json_object_get(a, "parameters"), "inject_nmi",
			    json_pack("{s:s}", "design", "nmi-fake"));
	assert_false(eb_check_comparable(a, "A", b, "B", true, msg, sizeof(msg)));
	assert_non_null(strstr(msg, "A is a run under host-injected NMIs "
			       "(--inject-nmi nmi-fake)"));
	json_decref(a);
	json_decref(b);
	json_decref(n1);
	json_decref(n2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(env_diff),
		cmocka_unit_test(exact_change),
		cmocka_unit_test(abba_pairs),
		cmocka_unit_test(comparability),
		cmocka_unit_test(gate_rows),
		cmocka_unit_test(baseline_history),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
