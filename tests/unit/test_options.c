/* SPDX-License-Identifier: MIT */
/* Option tables: every kind of option, operands in any place, every error. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/options.h"

struct opts {
	bool verbose;
	unsigned trials;
	double alpha;
	const char *out, *accel;
	int listed;
};

static const char *const accels[] = { "auto", "kvm", "tcg", NULL };

static bool count_list(void *ctx, const char *arg)
{
	struct opts *o = ctx;

	if (!*arg) {
		eb_option_error("t", "--list: empty");
		return false;
	}
	o->listed++;
	return true;
}

static const struct eb_usage usage = {
	.cmd = "t", .synopsis = "[options] FILE...", .text = "Exit status: 0.\n",
};

/* Parses the NULL-terminated words after the command name "t". */
static enum eb_parse_result parse(struct opts *o, struct eb_option *table,
				  int *first, char **words, int *argc)
{
	static char *argv[32];
	int n = 0;

	argv[n++] = "t";
	while (*words)
		argv[n++] = *words++;
	argv[n] = NULL;
	*argc = n;
	(void)o;
	return eb_options_parse(&usage, table, n, argv, first);
}

#define TABLE(o) {							\
	EB_OPT_BOOL("verbose", 'v', &(o).verbose, "say more"),		\
	EB_OPT_UINT("trials", 'n', &(o).trials, 1, 100, "N", "boots"),	\
	EB_OPT_DOUBLE("alpha", &(o).alpha, 0.0001, 0.5, "P", "level"),	\
	EB_OPT_STRING("out", 'o', &(o).out, "FILE", "results"),	\
	EB_OPT_CHOICE("accel", &(o).accel, accels, "A", "tier"),	\
	EB_OPT_CALLBACK("list", 0, count_list, &(o), "L", "names"),	\
	EB_OPT_END,							\
}

static void every_kind(void **state)
{
	(void)state;
	struct opts o = { .trials = 3, .alpha = 0.01, .accel = "auto" };
	struct eb_option table[] = TABLE(o);
	char *w[] = { "a.json", "-v", "--trials", "7", "--alpha=0.05",
		      "-o", "x.json", "b.json", "--accel", "tcg", "--list", "p",
		      "--list=q", "--", "--not-an-option", NULL };
	int first, argc;

	assert_int_equal(parse(&o, table, &first, w, &argc), EB_PARSE_OK);
	assert_true(o.verbose);
	assert_int_equal(o.trials, 7);
	assert_float_equal(o.alpha, 0.05, 0);
	assert_string_equal(o.out, "x.json");
	assert_string_equal(o.accel, "tcg");
	assert_int_equal(o.listed, 2);
	assert_int_equal(eb_option_seen(table, "list"), 2);
	assert_int_equal(eb_option_seen(table, "out"), 1);
	assert_int_equal(eb_option_seen(table, "nothing"), 0);
	/* Operands, in order, after the options (GNU permutation). */
	assert_int_equal(argc - first, 3);
}

/* Each bad argument is refused, and a second parse starts afresh. */
static void errors(void **state)
{
	(void)state;
	char *bad[][4] = {
		{ "--trials", "0", NULL },	/* below min */
		{ "--trials", "101", NULL },	/* above max */
		{ "--trials", "3x", NULL },	/* not a number */
		{ "--trials", "-1", NULL },	/* negative */
		{ "--alpha", "nan", NULL },	/* not finite */
		{ "--accel", "xen", NULL },	/* not a choice */
		{ "--list=", NULL },		/* the callback refuses */
		{ "--bogus", NULL },		/* unknown long */
		{ "-x", NULL },			/* unknown short */
		{ "--out", NULL },		/* missing argument */
		{ "-n", NULL },			/* missing short argument */
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct opts o = { .trials = 3, .accel = "auto" };
		struct eb_option table[] = TABLE(o);
		int first, argc;

		assert_int_equal(parse(&o, table, &first, bad[i], &argc),
				 EB_PARSE_ERROR);
	}
}

static void help_lists_every_option(void **state)
{
	(void)state;
	struct opts o = { .trials = 3, .alpha = 0.01, .accel = "auto" };
	struct eb_option table[] = TABLE(o);
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);

	eb_options_usage(f, &usage, table);
	fclose(f);
	assert_non_null(strstr(buf, "usage: entrybench t [options] FILE..."));
	assert_non_null(strstr(buf, "-n, --trials N"));
	assert_non_null(strstr(buf, "(1..100, default 3)"));
	assert_non_null(strstr(buf, "(auto|kvm|tcg, default auto)"));
	assert_non_null(strstr(buf, "--list L"));
	assert_non_null(strstr(buf, "-h, --help"));
	assert_non_null(strstr(buf, "Exit status: 0."));
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_kind),
		cmocka_unit_test(errors),
		cmocka_unit_test(help_lists_every_option),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
