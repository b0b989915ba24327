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

#include "assert_close.h"
#include "lib/array.h"
#include "lib/options.h"

struct opts {
	bool verbose;
	unsigned trials, kinds;
	double alpha;
	const char *out, *accel;
	int listed;
	const char *name[3];
	struct eb_names names;
};

static const char *const accels[] = { "auto", "kvm", "tcg", NULL };
static const char *const kinds[] = { "bars", "dist", "trend", NULL };

/* The defaults every test starts from. */
static void defaults(struct opts *o)
{
	*o = (struct opts){ .trials = 3, .alpha = 0.01, .accel = "auto",
			    .kinds = 1 | 2 };
	o->names = (struct eb_names){ .name = o->name, .max = 3 };
}

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

/*
 * Parses the NULL-terminated words after the command name "t"; the words
 * are copied, as LIST options split theirs in place.
 */
static enum eb_parse_result parse_as(const struct eb_usage *u,
				     struct eb_option *table, int *first,
				     char **words, int *argc)
{
	static char *argv[32];
	static char text[32][64];
	int n = 0;

	argv[n++] = "t";
	for (; *words; words++, n++)
		argv[n] = strcpy(text[n], *words);
	argv[n] = NULL;
	*argc = n;
	return eb_options_parse(u, table, n, argv, first);
}

static enum eb_parse_result parse(struct eb_option *table, int *first,
				  char **words, int *argc)
{
	return parse_as(&usage, table, first, words, argc);
}

#define LONG_HELP "the results file, with help long enough to need three " \
	"lines of usage, and a list: a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r,s,t,u,v"

#define TABLE(o) {							\
	EB_OPT_BOOL("verbose", 'v', &(o).verbose, "say more"),		\
	EB_OPT_UINT("trials", 'n', &(o).trials, 1, 100, "N", "boots"),	\
	EB_OPT_DOUBLE("alpha", &(o).alpha, 0.0001, 0.5, "P", "level"),	\
	EB_OPT_STRING("out", 'o', &(o).out, "FILE", LONG_HELP),	\
	EB_OPT_CHOICE("accel", &(o).accel, accels, "A", "tier"),	\
	EB_OPT_CALLBACK("list", 0, count_list, &(o), "L", "names"),	\
	EB_OPT_GROUP("figures"),					\
	EB_OPT_CHOICES("kind", &(o).kinds, kinds, "K", "which"),	\
	EB_OPT_LIST("variants", &(o).names, "a,b", "chosen"),		\
	EB_OPT_END,							\
}

static void every_kind(void **state)
{
	(void)state;
	struct opts o;
	defaults(&o);
	struct eb_option table[] = TABLE(o);
	char *w[] = { "a.json", "-v", "--trials", "7", "--alpha=0.05",
		      "-o", "x.json", "b.json", "--accel", "tcg", "--list", "p",
		      "--list=q", "--kind", "trend,bars", "--variants", "x,,y",
		      "--variants=y,z,", "--", "--not-an-option", NULL };
	int first, argc;

	assert_int_equal(parse(table, &first, w, &argc), EB_PARSE_OK);
	assert_true(o.verbose);
	assert_int_equal(o.trials, 7);
	assert_close(o.alpha, 0.05, 0);
	assert_string_equal(o.out, "x.json");
	assert_string_equal(o.accel, "tcg");
	assert_int_equal(o.listed, 2);
	assert_int_equal(o.kinds, 1 | 4);
	/* Each name once, in order, across occurrences; empty ones skipped. */
	assert_int_equal(o.names.n, 3);
	assert_string_equal(o.name[0], "x");
	assert_string_equal(o.name[1], "y");
	assert_string_equal(o.name[2], "z");
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
	char *bad[][6] = {
		{ "--trials", "0", NULL },	/* below min */
		{ "--trials", "101", NULL },	/* above max */
		{ "--trials", "3x", NULL },	/* not a number */
		{ "--trials", "-1", NULL },	/* negative */
		{ "--alpha", "nan", NULL },	/* not finite */
		{ "--accel", "xen", NULL },	/* not a choice */
		{ "--kind", "bars,pie", NULL },	/* one not a choice */
		{ "--kind", "bars,", NULL },	/* an empty one */
		{ "--kind", "", NULL },
		{ "--variants", "", NULL },	/* names nothing */
		{ "--variants", ",", NULL },
		{ "--variants", "a,b", "--variants", "c,d", NULL },	/* > max */
		{ "--list=", NULL },		/* the callback refuses */
		{ "--bogus", NULL },		/* unknown long */
		{ "-x", NULL },			/* unknown short */
		{ "--out", NULL },		/* missing argument */
		{ "-n", NULL },			/* missing short argument */
		{ "--figures", NULL },		/* a heading is no option */
	};

	for (size_t i = 0; i < N_OF(bad); i++) {
		struct opts o;
		defaults(&o);
		struct eb_option table[] = TABLE(o);
		int first, argc;

		assert_int_equal(parse(table, &first, bad[i], &argc),
				 EB_PARSE_ERROR);
	}
}

/* counters' `-- COMMAND...`: options end at the first operand. */
static void stop_at_operand(void **state)
{
	(void)state;
	const struct eb_usage u = { .cmd = "t", .synopsis = "CMD...",
				    .stop_at_operand = true };
	char *w[] = { "-v", "ls", "-n", "5", NULL };
	char *dashes[] = { "-n", "4", "--", "ls", "-v", NULL };
	struct opts o;
	int first, argc;

	defaults(&o);
	struct eb_option table[] = TABLE(o);
	assert_int_equal(parse_as(&u, table, &first, w, &argc), EB_PARSE_OK);
	assert_true(o.verbose);
	assert_int_equal(o.trials, 3);
	assert_int_equal(first, 2);
	assert_int_equal(argc - first, 3);

	defaults(&o);
	struct eb_option again[] = TABLE(o);
	assert_int_equal(parse_as(&u, again, &first, dashes, &argc), EB_PARSE_OK);
	assert_int_equal(o.trials, 4);
	assert_false(o.verbose);
	assert_int_equal(first, 4);
}

static void operands(void **state)
{
	(void)state;
	char *argv[] = { "t", "a", "b", "c", NULL };

	assert_true(eb_options_operands(&usage, 4, argv, 1, 1, 3, "FILE"));
	assert_true(eb_options_operands(&usage, 4, argv, 4, 0, 0, "FILE"));
	assert_false(eb_options_operands(&usage, 4, argv, 1, 0, 0, "FILE"));
	assert_false(eb_options_operands(&usage, 4, argv, 1, 1, 2, "FILE"));
	assert_false(eb_options_operands(&usage, 4, argv, 4, 1, 1, "FILE"));
}

/* Not inlined: GCC would take the lines of the text for pointers to buf. */
static __attribute__((noinline)) char *usage_text(struct eb_option *table)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);

	eb_options_usage(f, &usage, table);
	fclose(f);
	return buf;
}

static void help_lists_every_option(void **state)
{
	(void)state;
	struct opts o;
	defaults(&o);
	struct eb_option table[] = TABLE(o);
	char *buf = usage_text(table);

	assert_non_null(strstr(buf, "usage: entrybench t [options] FILE..."));
	assert_non_null(strstr(buf, "\n\noptions:\n"));
	assert_non_null(strstr(buf, "-n, --trials N"));
	assert_non_null(strstr(buf, "(1..100, default 3)"));
	assert_non_null(strstr(buf, "(auto|kvm|tcg, default auto)"));
	assert_non_null(strstr(buf, "--list L"));
	assert_non_null(strstr(buf, "\n\nfigures:\n  --kind K"));
	assert_non_null(strstr(buf, "(bars|dist|trend, default bars,dist)"));
	assert_non_null(strstr(buf, "--variants a,b"));
	assert_non_null(strstr(buf, "-h, --help"));
	assert_non_null(strstr(buf, "Exit status: 0."));
	free(buf);
}

/*
 * A long description wraps within 79 columns, its continuation lines
 * under its first, and loses no word.
 */
static void help_wraps(void **state)
{
	(void)state;
	struct opts o;
	defaults(&o);
	o.out = "x.json";
	struct eb_option table[] = TABLE(o);
	char *buf = usage_text(table), *line = strstr(buf, "-o, --out FILE");
	char joined[512] = "";
	int lines = 0;

	assert_non_null(line);
	line -= 2;	/* the start of its line */
	for (char *end; (end = strchr(line, '\n')); line = end + 1, lines++) {
		*end = '\0';
		assert_true(strlen(line) <= 79);
		if (lines && strncmp(line, "  --accel", 9) == 0)
			break;	/* the next option */
		assert_true(lines == 0 || strspn(line, " ") == 27);
		strcat(joined, line + 27);
		strcat(joined, strchr(",", line[strlen(line) - 1]) ? "" : " ");
	}
	assert_true(lines >= 3);
	assert_string_equal(joined, LONG_HELP " (default x.json) ");
	free(buf);
}

/* The defaults printed are the values when usage runs, not fixed text. */
static void help_prints_current_values(void **state)
{
	(void)state;
	struct opts o;
	defaults(&o);
	o.trials = 42;
	o.kinds = 4;
	o.accel = "kvm";
	struct eb_option table[] = TABLE(o);
	char *buf = usage_text(table);

	assert_non_null(strstr(buf, "(1..100, default 42)"));
	assert_non_null(strstr(buf, "default trend)"));
	assert_non_null(strstr(buf, "default kvm)"));
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_kind),
		cmocka_unit_test(errors),
		cmocka_unit_test(stop_at_operand),
		cmocka_unit_test(operands),
		cmocka_unit_test(help_lists_every_option),
		cmocka_unit_test(help_prints_current_values),
		cmocka_unit_test(help_wraps),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
