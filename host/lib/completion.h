/* SPDX-License-Identifier: MIT */
/*
 * Bash completion for entrybench, generated from the commands' option
 * tables (lib/options.h), so that it cannot drift from what they parse:
 * `entrybench --complete bash` prints the script the build installs.
 */
#ifndef EB_COMPLETION_H
#define EB_COMPLETION_H

#include <stddef.h>
#include <stdio.h>

#include "lib/command.h"

/* Prints the script for the n commands; returns an exit status. */
int eb_completion_bash(FILE *f, const struct eb_command *const *cmds, size_t n);

#endif
