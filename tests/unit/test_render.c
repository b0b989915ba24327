/* SPDX-License-Identifier: MIT */
/*
 * The output formats over one view (results/view.h, results/render.h):
 * text that would break a format (separators, quotes, Markdown markup, line
 * breaks), figures without a value, human-only and data-only columns, and
 * the tier and unit every table carries.
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

#include "assert_close.h"
#include "lib/array.h"
#include "results/render.h"
#include "results/view.h"

static const struct eb_col cols[] = {
	{ "variant", "variant", 0 },
	{ "median", "median", EB_COL_RIGHT },
	{ "interval", "interval", EB_COL_HUMAN },
	{ "lo", "lo", EB_COL_DATA },
	{ "verdict", "verdict", 0 },
};

/* Two rows: a figure with a fraction and awkward text; no figure. */
static struct eb_view *sample(void)
{
	struct eb_view *v = eb_view_new("compare");
	struct eb_vtable *t;

	eb_view_line(v, "base a.json");
	eb_view_line(v, "     new b.json");
	eb_view_set(v, "base", json_string("a.json"));
	t = eb_view_table(v, "tcg", NULL, cols, N_OF(cols));
	eb_vtable_caption(t, "ratio: new / base");
	eb_vrow(t);
	eb_vstr(t, "a|b,c");
	eb_vfigure(t, 55.5, false);
	eb_vstr(t, "[1, 2]");
	eb_vnumber(t, 1.25, "%.4f");
	eb_vstr(t, "said \"no\",\nthen *yes*");
	eb_vrow(t);
	eb_vstr(t, "plain");
	eb_vfigure(t, NAN, false);
	eb_vskip_to(t, "verdict");
	eb_vstr(t, "no figure");
	eb_view_text(v, "\nskipped x: why\n", false);
	eb_view_text(v, "  laid out\n", true);
	return v;
}

static char *render(enum eb_format fmt)
{
	char *out;
	size_t len;
	FILE *f = open_memstream(&out, &len);
	struct eb_view *v = sample();

	assert_non_null(f);
	assert_true(eb_view_render(f, v, fmt));
	eb_view_free(v);
	fclose(f);
	return out;
}

static void json_format(void **state)
{
	(void)state;
	char *out = render(EB_FORMAT_JSON);
	json_error_t e;
	json_t *doc = json_loads(out, 0, &e);

	assert_non_null(doc);
	assert_string_equal(json_string_value(json_object_get(doc, "command")), "compare");
	assert_string_equal(json_string_value(json_object_get(doc, "base")), "a.json");
	json_t *t = json_array_get(json_object_get(doc, "tables"), 0);
	assert_string_equal(json_string_value(json_object_get(t, "tier")), "tcg");
	assert_string_equal(json_string_value(json_object_get(t, "unit")), "insns");
	json_t *r0 = json_array_get(json_object_get(t, "rows"), 0);
	json_t *r1 = json_array_get(json_object_get(t, "rows"), 1);
	assert_string_equal(json_string_value(json_object_get(r0, "variant")), "a|b,c");
	assert_close(json_number_value(json_object_get(r0, "median")), 55.5, 0);
	assert_close(json_number_value(json_object_get(r0, "lo")), 1.25, 0);
	assert_null(json_object_get(r0, "interval"));	/* human only */
	assert_string_equal(json_string_value(json_object_get(r0, "verdict")),
			    "said \"no\",\nthen *yes*");
	assert_true(json_is_null(json_object_get(r1, "median")));
	assert_true(json_is_null(json_object_get(r1, "lo")));
	/* Prose in order, blank lines dropped. */
	json_t *notes = json_object_get(doc, "notes");
	assert_int_equal(json_array_size(notes), 4);
	assert_string_equal(json_string_value(json_array_get(notes, 2)), "skipped x: why");
	json_decref(doc);
	free(out);
}

static void csv_format(void **state)
{
	(void)state;
	char *out = render(EB_FORMAT_CSV);

	/* Quoted where a field holds a separator, quotes doubled; no prose. */
	assert_string_equal(out,
		"tier,unit,variant,median,lo,verdict\n"
		"tcg,insns,\"a|b,c\",55.5,1.25,\"said \"\"no\"\",\nthen *yes*\"\n"
		"tcg,insns,plain,,,no figure\n");
	free(out);
}

static void markdown_format(void **state)
{
	(void)state;
	char *out = render(EB_FORMAT_MARKDOWN);

	/* What it is; prose is never indented into a code block. */
	assert_memory_equal(out, "#### entrybench compare\n\nbase a.json\n\n"
			    "new b.json\n\n", 50);
	/* The caption names tier and unit; markup in the data is escaped. */
	assert_non_null(strstr(out, "\n**tier tcg, unit insns**: TCG"));
	assert_non_null(strstr(out, "<br>\nratio: new / base\n\n"
		"| variant | median | interval | verdict |\n"
		"| :--- | ---: | :--- | :--- |\n"
		"| a\\|b,c | 55.50 | \\[1, 2\\] | said \"no\",<br>then \\*yes\\* |\n"));
	assert_non_null(strstr(out, "| plain | - |  | no figure |\n"));
	assert_non_null(strstr(out, "\nskipped x: why\n\n```text\n  laid out\n```\n"));
	free(out);
}

static void table_format(void **state)
{
	(void)state;
	char *out = render(EB_FORMAT_TABLE);

	assert_non_null(strstr(out, "base a.json\n     new b.json\ntier tcg (TCG"));
	assert_non_null(strstr(out, ", unit insns\ncaveat: "));
	assert_non_null(strstr(out, "\nratio: new / base\nvariant "));
	/* Data-only columns are not shown; the prose follows the table. */
	assert_null(strstr(out, " lo "));
	assert_non_null(strstr(out, "\n\nskipped x: why\n  laid out\n"));
	free(out);
}

static void format_names(void **state)
{
	(void)state;
	for (int i = 0; eb_format_names[i]; i++)
		assert_int_equal(eb_format_of(eb_format_names[i]), i);
	assert_int_equal(eb_format_of("json"), EB_FORMAT_JSON);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(json_format),
		cmocka_unit_test(csv_format),
		cmocka_unit_test(markdown_format),
		cmocka_unit_test(table_format),
		cmocka_unit_test(format_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
