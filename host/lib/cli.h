/* SPDX-License-Identifier: MIT */
/* Small helpers shared by the command files. */
#ifndef EB_CLI_H
#define EB_CLI_H

#include <stdbool.h>
#include <stdio.h>

/*
 * The command line entrybench was started with, argv[0] (the program as
 * invoked) and the command's name included: what a results file records as
 * command_line.  main() keeps a copy before the command parses its options,
 * since parsing permutes argv and splits list arguments (a,b) in place.
 */
struct eb_argv {
	int argc;
	char **argv;	/* NULL-terminated */
};
void eb_command_line_keep(int argc, char *const argv[]);
/* {0, NULL} until kept. */
const struct eb_argv *eb_command_line(void);

/* One line to stderr, prefixed with the program name. */
void eb_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* mkdir -p dir; false with err naming the directory that failed. */
bool eb_mkdirs(const char *dir, char *err, size_t size);

/* mkdir -p of the directory file is in (nothing for a bare name). */
bool eb_mkdirs_for(const char *file, char *err, size_t size);

/*
 * Can a file named prefix.XXXXXX be created (and is removed again)?
 * 0, or the errno that says why not.
 */
int eb_can_create(const char *prefix);

/* Print argv so that it can be pasted into a shell. */
void eb_print_argv(FILE *f, const char *const argv[]);

#endif
