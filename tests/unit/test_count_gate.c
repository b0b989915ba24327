/* SPDX-License-Identifier: MIT */
/*
 * The deterministic gate's verdicts (results/count_gate.c) at their edges:
 * a count that grew by one instruction fails, an equal one passes, and
 * every failing verdict (WORSE, MISSING, BROKEN, NOT_RUN) counts as a
 * failure in the table's total, without the QEMU integration tests.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/array.h"
#include "results/count_gate.h"
#include "results/render.h"
#include "results/view.h"

/* A tcg variant whose trials pass with the given values (n of them). */
static json_t *variant(const char *name, const char *status, int n, ...)
{
	json_t *trials = json_array();
	va_list ap;

	va_start(ap, n);
	for (int i = 0; i < n; i++)
		json_array_append_new(trials, json_pack("{s:i, s:s, s:f}", "boot", i,
			"status", "pass", "value", va_arg(ap, double)));
	va_end(ap);
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:o}", "name", name,
			 "mode", "x86_64", "tier", "tcg", "unit", "insns",
			 "status", status, "trials", trials);
}

/* A document of the variants given, NULL-terminated; steals them. */
static json_t *doc(json_t *v, ...)
{
	json_t *d = json_pack("{s:{s:s}, s:[]}", "environment", "tier", "tcg",
			      "variants");
	va_list ap;

	va_start(ap, v);
	for (; v; v = va_arg(ap, json_t *))
		json_array_append_new(json_object_get(d, "variants"), v);
	va_end(ap);
	return d;
}

/* Which verdicts fail the gate: exactly the four that are not a pass. */
static void failing_verdicts(void **state)
{
	(void)state;
	assert_false(eb_count_gate_failed(EB_GATE_SAME));
	assert_false(eb_count_gate_failed(EB_GATE_BETTER));
	assert_false(eb_count_gate_failed(EB_GATE_NEW));
	assert_true(eb_count_gate_failed(EB_GATE_WORSE));
	assert_true(eb_count_gate_failed(EB_GATE_MISSING));
	assert_true(eb_count_gate_failed(EB_GATE_BROKEN));
	assert_true(eb_count_gate_failed(EB_GATE_NOT_RUN));
}

static enum eb_gate_verdict verdict_of(json_t *base_v, json_t *cur_v)
{
	json_t *base = doc(base_v, NULL), *cur = doc(cur_v, NULL);
	struct eb_count_gate_row *r;

	assert_int_equal(eb_count_gate_rows(base, cur, &r), 1);
	enum eb_gate_verdict v = r[0].verdict;
	free(r);
	json_decref(base);
	json_decref(cur);
	return v;
}

/* The median against the baseline's median, one instruction either way. */
static void one_instruction(void **state)
{
	(void)state;
	assert_int_equal(verdict_of(variant("x", "pass", 2, 92.0, 92.0),
				    variant("x", "pass", 2, 92.0, 92.0)), EB_GATE_SAME);
	assert_int_equal(verdict_of(variant("x", "pass", 2, 92.0, 92.0),
				    variant("x", "pass", 2, 93.0, 93.0)), EB_GATE_WORSE);
	assert_int_equal(verdict_of(variant("x", "pass", 2, 92.0, 92.0),
				    variant("x", "pass", 2, 91.0, 91.0)), EB_GATE_BETTER);
	/* Medians, not means: one odd trial of three moves nothing. */
	assert_int_equal(verdict_of(variant("x", "pass", 3, 92.0, 92.0, 92.0),
				    variant("x", "pass", 3, 92.0, 500.0, 92.0)),
			 EB_GATE_SAME);
}

/* No figure is no pass; skipped twice is the same; skipped once is not. */
static void no_figure(void **state)
{
	(void)state;
	assert_int_equal(verdict_of(variant("x", "pass", 1, 92.0),
				    variant("x", "pass", 0)), EB_GATE_BROKEN);
	assert_int_equal(verdict_of(variant("x", "skipped", 0),
				    variant("x", "skipped", 0)), EB_GATE_SAME);
	assert_int_equal(verdict_of(variant("x", "pass", 1, 92.0),
				    variant("x", "skipped", 0)), EB_GATE_BROKEN);
	assert_int_equal(verdict_of(variant("x", "skipped", 0),
				    variant("x", "pass", 1, 92.0)), EB_GATE_NEW);
	assert_int_equal(verdict_of(variant("x", "pass", 1, 92.0),
				    variant("x", "fail", 0)), EB_GATE_BROKEN);
}

/* The table's count of failures: WORSE and BROKEN included. */
static void printed_total(void **state)
{
	(void)state;
	json_t *base = doc(variant("worse", "pass", 1, 92.0),
			   variant("broken", "pass", 1, 10.0),
			   variant("same", "pass", 1, 4.0), NULL);
	json_t *cur = doc(variant("worse", "pass", 1, 93.0),
			  variant("broken", "fail", 0),
			  variant("same", "pass", 1, 4.0), NULL);
	struct eb_count_gate_row *r;
	size_t n = eb_count_gate_rows(base, cur, &r);
	char *out;
	size_t len;
	FILE *f = open_memstream(&out, &len);

	assert_int_equal(n, 3);
	assert_int_equal(r[0].verdict, EB_GATE_WORSE);
	assert_int_equal(r[1].verdict, EB_GATE_BROKEN);
	struct eb_view *view = eb_view_new("gate");
	assert_int_equal(eb_count_gate_table(view, "tcg", r, n), 2);
	eb_view_render(f, view, EB_FORMAT_TABLE);
	eb_view_free(view);
	fclose(f);
	assert_non_null(strstr(out, "FAIL (+1 insns)\n"));
	assert_non_null(strstr(out, "FAIL (fail)\n"));
	free(out);
	free(r);
	json_decref(base);
	json_decref(cur);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(failing_verdicts),
		cmocka_unit_test(one_instruction),
		cmocka_unit_test(no_figure),
		cmocka_unit_test(printed_total),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
