/* SPDX-License-Identifier: MIT */
/*
 * One option table per command, which both parses argv and prints the
 * command's usage, so that the two cannot drift apart (git's
 * parse_options() is the model).  A command declares
 *
 *	struct eb_option opts[] = {
 *		EB_OPT_UINT("trials", 'n', &o.trials, 1, 10000, "N",
 *			    "boots per kernel image"),
 *		EB_OPT_STRING("out", 'o', &o.out, "FILE", "results file"),
 *		EB_OPT_END,
 *	};
 *
 * after filling in the defaults, which `--help` then prints.  Errors are
 * one line on stderr, "entrybench: CMD: ...", and exit status 2.
 */
#ifndef EB_OPTIONS_H
#define EB_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum eb_option_type {
	EB_OPTION_END,
	EB_OPTION_GROUP,	/* no option: a heading in the usage */
	EB_OPTION_BOOL,		/* no argument; sets *(bool *)value */
	EB_OPTION_UINT,		/* decimal in [min, max] into *(unsigned *) */
	EB_OPTION_DOUBLE,	/* finite number in [fmin, fmax] into *(double *) */
	EB_OPTION_STRING,	/* the argument itself into *(const char **) */
	EB_OPTION_CHOICE,	/* one of choices[] into *(const char **) */
	EB_OPTION_CHOICES,	/* a,b of choices[]: bit i for choices[i], into
				   *(unsigned *); each occurrence replaces */
	EB_OPTION_LIST,		/* a,b: names added to a struct eb_names */
	EB_OPTION_CALLBACK,	/* fn(ctx, arg) decides; arg NULL if none */
};

/*
 * fn returns false after printing its own error with eb_option_error();
 * it sees the argument text of each occurrence, in order.
 */
typedef bool (*eb_option_fn)(void *ctx, const char *arg);

/*
 * What a LIST option collects: each name once, in the order given, empty
 * ones (a,,b) skipped.  The names point into argv, split at the commas in
 * place.  An occurrence that names nothing ('' or ',') is an error: an
 * empty list is a mistake, not "everything".
 */
struct eb_names {
	const char **name;	/* room for max names, the caller's */
	size_t n, max;
};

struct eb_option {
	enum eb_option_type type;
	const char *name;		/* long name, without "--" */
	int short_name;			/* 0: none */
	void *value;
	const char *argh;		/* the argument's name in usage; NULL: none */
	const char *help;		/* GROUP: the heading */
	unsigned min, max;
	double fmin, fmax;
	const char *const *choices;	/* NULL-terminated, for CHOICE(S) */
	eb_option_fn fn;
	unsigned seen;			/* times given: set by the parser */
};

#define EB_OPT_GROUP(h) { .type = EB_OPTION_GROUP, .help = (h) }
#define EB_OPT_BOOL(n, s, v, h) \
	{ .type = EB_OPTION_BOOL, .name = (n), .short_name = (s), .value = (v), .help = (h) }
#define EB_OPT_UINT(n, s, v, lo, hi, a, h) \
	{ .type = EB_OPTION_UINT, .name = (n), .short_name = (s), .value = (v), \
	  .min = (lo), .max = (hi), .argh = (a), .help = (h) }
#define EB_OPT_DOUBLE(n, v, lo, hi, a, h) \
	{ .type = EB_OPTION_DOUBLE, .name = (n), .value = (v), \
	  .fmin = (lo), .fmax = (hi), .argh = (a), .help = (h) }
#define EB_OPT_STRING(n, s, v, a, h) \
	{ .type = EB_OPTION_STRING, .name = (n), .short_name = (s), .value = (v), \
	  .argh = (a), .help = (h) }
#define EB_OPT_CHOICE(n, v, c, a, h) \
	{ .type = EB_OPTION_CHOICE, .name = (n), .value = (v), .choices = (c), \
	  .argh = (a), .help = (h) }
#define EB_OPT_CHOICES(n, v, c, a, h) \
	{ .type = EB_OPTION_CHOICES, .name = (n), .value = (v), .choices = (c), \
	  .argh = (a), .help = (h) }
#define EB_OPT_LIST(n, v, a, h) \
	{ .type = EB_OPTION_LIST, .name = (n), .value = (v), .argh = (a), .help = (h) }
#define EB_OPT_CALLBACK(n, s, f, ctx, a, h) \
	{ .type = EB_OPTION_CALLBACK, .name = (n), .short_name = (s), .fn = (f), \
	  .value = (ctx), .argh = (a), .help = (h) }
#define EB_OPT_END { .type = EB_OPTION_END }

/* What a command's usage says besides its options. */
struct eb_usage {
	const char *cmd;		/* "run": errors read "entrybench: run: ..." */
	const char *synopsis;		/* after "usage: entrybench CMD " */
	const char *text;		/* paragraphs after the option list */
	bool stop_at_operand;		/* options end at the first operand, as
					   when a command line to run follows */
	/* Operands eb_options_command() takes: how many, and their name. */
	int min_operands, max_operands;
	const char *operands;
};

enum eb_parse_result {
	EB_PARSE_OK,		/* go on; *first is argv's first operand */
	EB_PARSE_HELP,		/* usage went to stdout: exit 0 */
	EB_PARSE_ERROR,		/* one line went to stderr: exit 2 */
};

/*
 * Parses argv[1..argc) (argv[0] is the command name) against opts, in
 * order; operands may come before, between or after options (unless
 * u->stop_at_operand), and "--" ends the options.  On EB_PARSE_OK the
 * operands are argv[*first..argc).  -h and --help are always understood.
 */
enum eb_parse_result eb_options_parse(const struct eb_usage *u,
				      struct eb_option *opts,
				      int argc, char **argv, int *first);

/*
 * Are there between min and max operands in argv[first..argc)?  If not,
 * false after one line: "missing WHAT" or "unexpected argument 'X'".
 */
bool eb_options_operands(const struct eb_usage *u, int argc, char **argv,
			 int first, int min, int max, const char *what);

/*
 * A command's whole parse: options, then the operand count of u.  -1 to go
 * on (the operands are argv[*first..argc)), else the command's exit status:
 * 0 after --help, 2 after one line on stderr.
 */
int eb_options_command(const struct eb_usage *u, struct eb_option *opts,
		       int argc, char **argv, int *first);

/* The usage text, generated from u and opts (defaults from the values). */
void eb_options_usage(FILE *f, const struct eb_usage *u,
		      const struct eb_option *opts);

/*
 * When set, eb_options_parse() hands u and opts to it instead of parsing
 * and returns EB_PARSE_HELP, so that a command called with it set only
 * shows its table: how the bash completion (lib/completion.c) reads every
 * command's options without running one.
 */
extern void (*eb_options_inspect)(void *ctx, const struct eb_usage *u,
				  const struct eb_option *opts);
extern void *eb_options_inspect_ctx;

/* How many times option `name` was given (0 for an unknown name). */
unsigned eb_option_seen(const struct eb_option *opts, const char *name);

/* "entrybench: CMD: " + fmt, one line to stderr, for option errors. */
void eb_option_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
