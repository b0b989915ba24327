/* SPDX-License-Identifier: MIT */
/* entrybench: dispatch argv[1] to a command from the registry. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "lib/cli.h"
#include "lib/command.h"
#include "lib/interrupt.h"

extern const struct eb_command *const __start_eb_commands[];
extern const struct eb_command *const __stop_eb_commands[];

static const struct eb_command *find(const char *name)
{
	for (const struct eb_command *const *c = __start_eb_commands;
	     c < __stop_eb_commands; c++)
		if (strcmp((*c)->name, name) == 0)
			return *c;
	return NULL;
}

static int help(FILE *f)
{
	fprintf(f, "usage: entrybench COMMAND [ARGS...]\n\ncommands:\n");
	for (const struct eb_command *const *c = __start_eb_commands;
	     c < __stop_eb_commands; c++)
		fprintf(f, "  %-8s %s\n", (*c)->name, (*c)->summary);
	fprintf(f, "\n'entrybench COMMAND --help' describes a command.\n");
	return f == stdout ? EB_EXIT_OK : EB_EXIT_BADUSAGE;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return help(stderr);
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0)
		return help(stdout);
	if (strcmp(argv[1], "--version") == 0) {
		printf("entrybench %s\n", EB_VERSION);
		return EB_EXIT_OK;
	}

	const struct eb_command *c = find(argv[1]);
	if (!c) {
		fprintf(stderr, "entrybench: unknown command '%s' (see 'entrybench --help')\n",
			argv[1]);
		return EB_EXIT_BADUSAGE;
	}
	/*
	 * A closed stdout must not kill us before the results are written;
	 * an interrupt stops the command, which keeps what it completed.
	 */
	signal(SIGPIPE, SIG_IGN);
	eb_interrupt_catch();
	eb_command_line_keep(argc, argv);
	int rc = c->fn(argc - 1, argv + 1);
	return eb_interrupted() ? 128 + eb_interrupted() : rc;
}
