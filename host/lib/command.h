/* SPDX-License-Identifier: MIT */
/*
 * Subcommand registry.  Each host/cli/<name>.c file defines one command with
 * EB_COMMAND(); the descriptor lands in the "eb_commands" linker section
 * and main() walks the section, so adding a command touches no other file.
 */
#ifndef EB_COMMAND_H
#define EB_COMMAND_H

struct eb_command {
	const char *name;
	int (*fn)(int argc, char **argv);	/* argv[0] is the command name */
	const char *summary;
};

/*
 * The section holds pointers, not descriptors: a pointer has one size and
 * alignment everywhere, so the section is a dense array even when the
 * compiler would pad or align larger objects differently.
 */
#define EB_COMMAND(cname, cfn, csummary)				\
	static const struct eb_command eb_command_##cfn = {		\
		.name = (cname), .fn = (cfn), .summary = (csummary),	\
	};								\
	static const struct eb_command *const eb_command_ptr_##cfn	\
	__attribute__((used, section("eb_commands"))) = &eb_command_##cfn

/* Exit statuses shared by every command. */
enum {
	EB_EXIT_OK = 0,
	EB_EXIT_FAILED = 1,	/* a check failed or a trial did not pass */
	EB_EXIT_BADUSAGE = 2,	/* bad usage or bad input file */
};

#endif
