/* SPDX-License-Identifier: MIT */
/* Option tables: parsing argv and printing usage from one table (lib/options.h). */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "lib/command.h"
#include "lib/options.h"

#define MAX_OPTIONS	64
#define USAGE_WIDTH	79	/* columns of --help */
#define USAGE_INDENT	27	/* where an option's description starts */

void eb_option_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "entrybench: %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* Entries before EB_OPT_END, headings included. */
static size_t count(const struct eb_option *opts)
{
	size_t n = 0;

	while (opts[n].type != EB_OPTION_END)
		n++;
	return n;
}

unsigned eb_option_seen(const struct eb_option *opts, const char *name)
{
	for (; opts->type != EB_OPTION_END; opts++)
		if (opts->name && strcmp(opts->name, name) == 0)
			return opts->seen;
	return 0;
}

static bool parse_uint(const char *cmd, const struct eb_option *o, const char *arg)
{
	char *end;

	errno = 0;
	unsigned long v = strtoul(arg, &end, 10);
	if (errno || end == arg || *end || arg[0] == '-' || v < o->min || v > o->max) {
		eb_option_error(cmd, "--%s %s: expected an integer in %u..%u",
				o->name, arg, o->min, o->max);
		return false;
	}
	*(unsigned *)o->value = v;
	return true;
}

static bool parse_double(const char *cmd, const struct eb_option *o, const char *arg)
{
	char *end;

	errno = 0;
	double v = strtod(arg, &end);
	if (errno || end == arg || *end || !isfinite(v) || v < o->fmin || v > o->fmax) {
		eb_option_error(cmd, "--%s %s: expected a number in %g..%g",
				o->name, arg, o->fmin, o->fmax);
		return false;
	}
	*(double *)o->value = v;
	return true;
}

/* Index in choices of the word of len bytes at word, or -1. */
static int choice_index(const char *const *choices, const char *word, size_t len)
{
	for (int i = 0; choices[i]; i++)
		if (strlen(choices[i]) == len && strncmp(choices[i], word, len) == 0)
			return i;
	return -1;
}

/* "a, b, c" for error messages. */
static const char *choice_list(const char *const *choices, char *buf, size_t size)
{
	*buf = '\0';
	for (const char *const *c = choices; *c; c++)
		snprintf(buf + strlen(buf), size - strlen(buf), "%s%s",
			 c == choices ? "" : ", ", *c);
	return buf;
}

static bool parse_choice(const char *cmd, const struct eb_option *o, const char *arg)
{
	int i = choice_index(o->choices, arg, strlen(arg));
	char list[256];

	if (i < 0) {
		eb_option_error(cmd, "--%s %s: expected one of %s", o->name, arg,
				choice_list(o->choices, list, sizeof(list)));
		return false;
	}
	*(const char **)o->value = o->choices[i];
	return true;
}

/* At most 32 choices: bit i stands for choices[i]. */
static bool parse_choices(const char *cmd, const struct eb_option *o, const char *arg)
{
	unsigned bits = 0;
	char list[256];

	for (const char *w = arg; ; w++) {
		size_t len = strcspn(w, ",");
		int i = choice_index(o->choices, w, len);

		if (i < 0) {
			eb_option_error(cmd, "--%s %s: '%.*s' is not one of %s",
					o->name, arg, (int)len, w,
					choice_list(o->choices, list, sizeof(list)));
			return false;
		}
		bits |= 1u << i;
		w += len;
		if (!*w)
			break;
	}
	*(unsigned *)o->value = bits;
	return true;
}

static bool parse_list(const char *cmd, const struct eb_option *o, char *arg)
{
	struct eb_names *l = o->value;

	if (!arg[strspn(arg, ",")]) {
		eb_option_error(cmd, "--%s '%s': names nothing", o->name, arg);
		return false;
	}
	for (char *s = arg, *w; (w = strsep(&s, ","));) {
		size_t i = 0;

		while (i < l->n && strcmp(l->name[i], w) != 0)
			i++;
		if (!*w || i < l->n)
			continue;	/* a,,b or a name given twice */
		if (l->n == l->max) {
			eb_option_error(cmd, "--%s: more than %zu names", o->name,
					l->max);
			return false;
		}
		l->name[l->n++] = w;
	}
	return true;
}

/* Applies one occurrence of o with its argument (NULL for none). */
static bool apply(const char *cmd, struct eb_option *o, char *arg)
{
	o->seen++;
	switch (o->type) {
	case EB_OPTION_BOOL:
		*(bool *)o->value = true;
		return true;
	case EB_OPTION_UINT:
		return parse_uint(cmd, o, arg);
	case EB_OPTION_DOUBLE:
		return parse_double(cmd, o, arg);
	case EB_OPTION_STRING:
		*(const char **)o->value = arg;
		return true;
	case EB_OPTION_CHOICE:
		return parse_choice(cmd, o, arg);
	case EB_OPTION_CHOICES:
		return parse_choices(cmd, o, arg);
	case EB_OPTION_LIST:
		return parse_list(cmd, o, arg);
	case EB_OPTION_CALLBACK:
		return o->fn(o->value, arg);
	case EB_OPTION_GROUP:
	case EB_OPTION_END:
		break;
	}
	return false;
}

/*
 * getopt_long's tables from ours: opts[i] returns 256 + i; -h is help.
 * Headings have no entry.
 */
static void getopt_tables(const struct eb_usage *u, const struct eb_option *opts,
			  struct option *lo, char *so)
{
	char *s = so;
	size_t n = 0;

	if (u->stop_at_operand)
		*s++ = '+';
	*s++ = ':';	/* report a missing argument as ':' */
	for (size_t i = 0; opts[i].type != EB_OPTION_END; i++) {
		if (opts[i].type == EB_OPTION_GROUP)
			continue;
		lo[n++] = (struct option){
			.name = opts[i].name,
			.has_arg = opts[i].argh ? required_argument : no_argument,
			.val = 256 + (int)i,
		};
		if (opts[i].short_name) {
			*s++ = (char)opts[i].short_name;
			if (opts[i].argh)
				*s++ = ':';
		}
	}
	lo[n] = (struct option){ .name = "help", .val = 'h' };
	lo[n + 1] = (struct option){ 0 };
	strcpy(s, "h");
}

static struct eb_option *by_short(struct eb_option *opts, int c)
{
	for (; opts->type != EB_OPTION_END; opts++)
		if (opts->type != EB_OPTION_GROUP && opts->short_name == c)
			return opts;
	return NULL;
}

/* The error getopt_long reported for argv[optind - 1]. */
static void getopt_error(const char *cmd, int c, char **argv)
{
	const char *arg = argv[optind - 1];

	if (c == ':')
		eb_option_error(cmd, "%s needs an argument (see 'entrybench %s --help')",
				arg, cmd);
	else if (optopt && strncmp(arg, "--", 2) != 0)
		eb_option_error(cmd, "unknown option -%c (see 'entrybench %s --help')",
				optopt, cmd);
	else
		eb_option_error(cmd, "unknown option %s (see 'entrybench %s --help')",
				arg, cmd);
}

void (*eb_options_inspect)(void *ctx, const struct eb_usage *u,
			   const struct eb_option *opts);
void *eb_options_inspect_ctx;

enum eb_parse_result eb_options_parse(const struct eb_usage *u,
				      struct eb_option *opts,
				      int argc, char **argv, int *first)
{
	struct option lo[MAX_OPTIONS + 2];
	char so[2 * MAX_OPTIONS + 4];
	int c;

	if (count(opts) > MAX_OPTIONS) {
		eb_option_error(u->cmd, "internal: more than %d options", MAX_OPTIONS);
		return EB_PARSE_ERROR;
	}
	if (eb_options_inspect) {
		eb_options_inspect(eb_options_inspect_ctx, u, opts);
		return EB_PARSE_HELP;
	}
	getopt_tables(u, opts, lo, so);
	optind = 0;	/* GNU getopt: start afresh, as a second parse must */
	opterr = 0;	/* our messages carry the "entrybench: CMD:" prefix */
	while ((c = getopt_long(argc, argv, so, lo, NULL)) != -1) {
		struct eb_option *o = c >= 256 ? &opts[c - 256] :
				      c == 'h' ? NULL : by_short(opts, c);
		if (c == 'h') {
			eb_options_usage(stdout, u, opts);
			return EB_PARSE_HELP;
		}
		if (!o) {
			getopt_error(u->cmd, c, argv);
			return EB_PARSE_ERROR;
		}
		if (!apply(u->cmd, o, o->argh ? optarg : NULL))
			return EB_PARSE_ERROR;
	}
	*first = optind;
	return EB_PARSE_OK;
}

int eb_options_command(const struct eb_usage *u, struct eb_option *opts,
		       int argc, char **argv, int *first)
{
	enum eb_parse_result r = eb_options_parse(u, opts, argc, argv, first);

	if (r == EB_PARSE_HELP)
		return EB_EXIT_OK;
	if (r != EB_PARSE_OK ||
	    !eb_options_operands(u, argc, argv, *first, u->min_operands,
				 u->max_operands, u->operands))
		return EB_EXIT_BADUSAGE;
	return -1;
}

bool eb_options_operands(const struct eb_usage *u, int argc, char **argv,
			 int first, int min, int max, const char *what)
{
	int n = argc - first;

	if (n < min)
		eb_option_error(u->cmd, "missing %s (see 'entrybench %s --help')",
				what, u->cmd);
	else if (n > max && max == 0)
		eb_option_error(u->cmd, "unexpected argument '%s' (see 'entrybench "
				"%s --help')", argv[first], u->cmd);
	else if (n > max)
		eb_option_error(u->cmd, "unexpected argument '%s': at most %d %s "
				"(see 'entrybench %s --help')", argv[first + max],
				max, what, u->cmd);
	return n >= min && n <= max;
}

/* "a|b|c" */
static void print_choices(FILE *f, const char *const *choices)
{
	for (const char *const *c = choices; *c; c++)
		fprintf(f, "%s%s", c == choices ? "" : "|", *c);
}

/* The chosen ones of a CHOICES value, "a,b". */
static void print_chosen(FILE *f, const char *const *choices, unsigned bits)
{
	bool first = true;

	for (int i = 0; choices[i]; i++)
		if (bits & (1u << i)) {
			fprintf(f, "%s%s", first ? "" : ",", choices[i]);
			first = false;
		}
}

/* " (default X)" from the value the command set before parsing. */
static void print_default(FILE *f, const struct eb_option *o)
{
	switch (o->type) {
	case EB_OPTION_UINT:
		fprintf(f, " (%u..%u, default %u)", o->min, o->max,
			*(unsigned *)o->value);
		break;
	case EB_OPTION_DOUBLE:
		fprintf(f, " (default %g)", *(double *)o->value);
		break;
	case EB_OPTION_CHOICE:
		fputs(" (", f);
		print_choices(f, o->choices);
		fprintf(f, ", default %s)", *(const char **)o->value);
		break;
	case EB_OPTION_CHOICES:
		fputs(" (", f);
		print_choices(f, o->choices);
		fputs(", default ", f);
		print_chosen(f, o->choices, *(unsigned *)o->value);
		fputc(')', f);
		break;
	case EB_OPTION_STRING:
		if (*(const char **)o->value)
			fprintf(f, " (default %s)", *(const char **)o->value);
		break;
	default:
		break;
	}
}

/*
 * text after head, wrapped at USAGE_WIDTH columns at a space or after a
 * comma (a long default list): continuation lines start under the text.
 */
static void print_wrapped(FILE *f, const char *head, const char *text)
{
	int col = fprintf(f, "  %-*s ", USAGE_INDENT - 3, head);

	if (col > USAGE_INDENT) {	/* a long head: text on the next line */
		fprintf(f, "\n%*s", USAGE_INDENT, "");
		col = USAGE_INDENT;
	}
	for (const char *w = text; *w;) {
		bool space = w > text && w[-1] == ' ';
		int len = (int)strcspn(w, " ,");

		len += w[len] == ',';
		if (col > USAGE_INDENT && col + space + len > USAGE_WIDTH) {
			fprintf(f, "\n%*s", USAGE_INDENT, "");
			col = USAGE_INDENT;
		} else if (space) {
			col += fprintf(f, " ");
		}
		col += fprintf(f, "%.*s", len, w);
		w += len;
		w += strspn(w, " ");
	}
	fputc('\n', f);
}

static void print_option(FILE *f, const struct eb_option *o)
{
	char head[64], *text = NULL;
	size_t size = 0;
	int k = 0;
	FILE *m = open_memstream(&text, &size);

	if (!m)
		abort();
	fputs(o->help, m);
	print_default(m, o);
	fclose(m);
	if (o->short_name)
		k = snprintf(head, sizeof(head), "-%c, ", o->short_name);
	snprintf(head + k, sizeof(head) - k, "--%s%s%s", o->name,
		 o->argh ? " " : "", o->argh ? o->argh : "");
	print_wrapped(f, head, text);
	free(text);
}

void eb_options_usage(FILE *f, const struct eb_usage *u,
		      const struct eb_option *opts)
{
	fprintf(f, "usage: entrybench %s %s\n\n", u->cmd, u->synopsis);
	if (opts->type != EB_OPTION_GROUP)
		fputs("options:\n", f);
	for (const struct eb_option *o = opts; o->type != EB_OPTION_END; o++) {
		if (o->type == EB_OPTION_GROUP)
			fprintf(f, "%s%s:\n", o == opts ? "" : "\n", o->help);
		else
			print_option(f, o);
	}
	print_wrapped(f, "-h, --help", "this text");
	if (u->text && *u->text)
		fprintf(f, "\n%s", u->text);
}
