/* SPDX-License-Identifier: MIT */
/*
 * The plot kind registry (plot/kind.h): the four kinds of host/plot/, in
 * the order plot lists them, each with its script in plots/; a kind
 * registered from any other object (this file) joins them in its place.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "plot/kind.h"
#include "plot/select.h"

static bool draw_nothing(struct eb_plot *p, const struct eb_plot_kind *k,
			 const struct eb_plot_input *in, char *err, size_t size)
{
	(void)p, (void)k, (void)in, (void)err, (void)size;
	return true;
}

/* Adding a kind is adding a file: this one is linked into the test only. */
EB_PLOT_KIND(test_pairs) = {
	.name = "aa-test-pairs",
	.summary = "a kind of this test only",
	.script = "common.gp",
	.inputs = EB_PLOT_TWO_FILES,
	.draw = draw_nothing,
};

static const char *const want[] = {
	"bars", "dist", "heatmap", "aa-test-pairs", "compare", "reality",
	"tiers", "trend", NULL,
};

static void lists_the_kinds_in_order(void **state)
{
	(void)state;
	size_t n;
	const struct eb_plot_kind *const *k = eb_plot_kinds(&n);
	const char *const *names = eb_plot_kind_names();

	assert_int_equal(n, 8);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(k[i]->name, want[i]);
		assert_ptr_equal(names[i], k[i]->name);
		assert_non_null(k[i]->summary);
		assert_non_null(k[i]->draw);
	}
	assert_null(names[n]);
	/* the same array every time: --kind's bits index it */
	assert_ptr_equal(eb_plot_kinds(&n), k);
}

static void defaults_are_the_kinds_of_each_file(void **state)
{
	(void)state;
	assert_int_equal(eb_plot_kind_defaults(), 1u << 0 | 1u << 1 | 1u << 2);
}

/* Every kind's script is in plots/, and every script there draws a kind. */
static void scripts_match_plots(void **state)
{
	(void)state;
	size_t n;
	const struct eb_plot_kind *const *k = eb_plot_kinds(&n);
	char path[4096];
	struct dirent *e;
	DIR *d = opendir(EB_PLOTS_DIR);

	for (size_t i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", EB_PLOTS_DIR, k[i]->script);
		assert_int_equal(access(path, R_OK), 0);
	}
	assert_non_null(d);
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name), i;
		if (len < 3 || strcmp(e->d_name + len - 3, ".gp") != 0 ||
		    strcmp(e->d_name, "common.gp") == 0)
			continue;
		for (i = 0; i < n && strcmp(k[i]->script, e->d_name) != 0; i++)
			;
		if (i == n)
			fail_msg("plots/%s draws no registered kind", e->d_name);
	}
	closedir(d);
}

static const struct eb_plot_kind *kind(const char *name)
{
	size_t n;
	const struct eb_plot_kind *const *k = eb_plot_kinds(&n);

	for (size_t i = 0; i < n; i++)
		if (strcmp(k[i]->name, name) == 0)
			return k[i];
	fail_msg("no kind %s", name);
	return NULL;
}

static void files_each_kind_takes(void **state)
{
	(void)state;
	char err[256];

	assert_true(eb_plot_kind_takes(kind("bars"), 1, err, sizeof(err)));
	assert_true(eb_plot_kind_takes(kind("dist"), 3, err, sizeof(err)));
	assert_true(eb_plot_kind_takes(kind("trend"), 1, err, sizeof(err)));
	assert_true(eb_plot_kind_takes(kind("compare"), 2, err, sizeof(err)));
	assert_false(eb_plot_kind_takes(kind("compare"), 3, err, sizeof(err)));
	assert_string_equal(err, "--kind compare takes exactly two files, BASE NEW");
	assert_false(eb_plot_kind_takes(kind("aa-test-pairs"), 1, err, sizeof(err)));
	assert_string_equal(err, "--kind aa-test-pairs takes exactly two files, "
			    "BASE NEW");
	assert_false(eb_plot_kind_takes(kind("trend"), 0, err, sizeof(err)));
	assert_string_equal(eb_plot_inputs_text(kind("trend")->inputs),
			    "the files in order");
}

/* The legend's families: the names, pv and pvops one group. */
static void families_group_the_variants(void **state)
{
	(void)state;
	json_t *v = json_pack("{s:s, s:s, s:s}", "name", "x", "mode", "x86_64",
			      "tier", "tcg");
	struct { const char *family, *label; } f[] = {
		{ "syscall", "SYSCALL" }, { "int80-gate", "INT 0x80" },
		{ "sysenter", "SYSENTER" }, { "exception", "exceptions" },
		{ "nmi", "NMI" }, { "pv", "PV and pv-ops" },
		{ "pvops", "PV and pv-ops" }, { "vmexit", "hypercalls and exits" },
	};
	int last = -1;

	for (size_t i = 0; i < sizeof(f) / sizeof(*f); i++) {
		json_object_set_new(v, "family", json_string(f[i].family));
		struct eb_plot_group g = eb_plot_group(v);
		assert_string_equal(g.label, f[i].label);
		assert_true(g.order >= last);	/* the legend's order */
		last = g.order;
	}
	json_object_del(v, "family");
	assert_string_equal(eb_plot_group(v).label, "family not recorded");
	json_object_set_new(v, "family", json_string("syscall"));
	json_object_set_new(v, "column", json_string("amd pti=on"));
	assert_string_equal(eb_plot_group(v).label, "Linux probes: SYSCALL");
	assert_true(eb_plot_group(v).order > last);
	json_object_del(v, "column");
	json_object_set_new(v, "tier", json_string("native"));
	assert_string_equal(eb_plot_group(v).label, "host kernel: SYSCALL");
	json_decref(v);
}

/* dist refuses exact counts, heatmap a file without linux columns. */
static void kinds_refuse_files_they_cannot_draw(void **state)
{
	(void)state;
	char buf[512];
	json_t *tcg = json_pack("{s:{s:s}, s:[{s:s, s:s}]}", "environment", "tier",
				"tcg", "variants", "unit", "insns", "tier", "tcg");
	json_t *kvm = json_pack("{s:{s:s}, s:[{s:s, s:s}]}", "environment", "tier",
				"kvm", "variants", "unit", "tsc_cycles", "tier", "kvm");
	json_t *lin = json_pack("{s:{s:s, s:{s:{s:{s:s}}}}, s:[{s:s}]}",
				"environment", "tier", "linux", "linux", "columns",
				"amd", "cpu", "amd", "variants", "unit", "insns");

	assert_non_null(kind("dist")->refuses(tcg, buf, sizeof(buf)));
	assert_non_null(strstr(buf, "no distribution"));
	assert_null(kind("dist")->refuses(kvm, buf, sizeof(buf)));
	assert_non_null(kind("heatmap")->refuses(tcg, buf, sizeof(buf)));
	assert_non_null(strstr(buf, "--kind tiers"));
	assert_null(kind("heatmap")->refuses(lin, buf, sizeof(buf)));
	assert_null(kind("bars")->refuses);
	json_decref(tcg);
	json_decref(kvm);
	json_decref(lin);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lists_the_kinds_in_order),
		cmocka_unit_test(defaults_are_the_kinds_of_each_file),
		cmocka_unit_test(scripts_match_plots),
		cmocka_unit_test(files_each_kind_takes),
		cmocka_unit_test(families_group_the_variants),
		cmocka_unit_test(kinds_refuse_files_they_cannot_draw),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
