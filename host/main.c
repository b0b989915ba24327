/* SPDX-License-Identifier: MIT */
/* entrybench: dispatch argv[1] to a command from the registry. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "lib/cli.h"
#include "lib/command.h"
#include "lib/completion.h"
#include "lib/interrupt.h"
#include "results/provenance.h"

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
		fprintf(f, "  %-9s %s\n", (*c)->name, (*c)->summary);
	fprintf(f, "\n'entrybench COMMAND --help' describes a command;\n"
		"'entrybench --version' says which build this is.\n");
	return f == stdout ? EB_EXIT_OK : EB_EXIT_BADUSAGE;
}

/* "entrybench 0.1 (revision 0123..., dirty)": the build, as results record it. */
static int version(void)
{
	json_t *p = eb_provenance_new();
	const json_t *b = json_object_get(p, "entrybench");
	const json_t *dirty = json_object_get(b, "dirty");

	printf("entrybench %s (revision %s%s)\n", EB_VERSION,
	       json_string_value(json_object_get(b, "revision")),
	       json_is_true(dirty) ? ", dirty" : json_is_null(dirty) ?
	       ", dirty unknown" : "");
	json_decref(p);
	return EB_EXIT_OK;
}

/* The hidden --complete bash: the completion script the build installs. */
static int complete(int argc, char **argv)
{
	if (argc != 3 || strcmp(argv[2], "bash") != 0) {
		fprintf(stderr, "entrybench: --complete: the only shell is bash\n");
		return EB_EXIT_BADUSAGE;
	}
	return eb_completion_bash(stdout, __start_eb_commands,
				  (size_t)(__stop_eb_commands - __start_eb_commands));
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return help(stderr);
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0)
		return help(stdout);
	if (strcmp(argv[1], "--version") == 0)
		return version();
	if (strcmp(argv[1], "--complete") == 0)
		return complete(argc, argv);

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
