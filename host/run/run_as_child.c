/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "lib/command.h"
#include "results/results.h"
#include "run/run_as_child.h"
#include "run/spawn.h"

#define MAXARGS	64

/* A whole matrix of boots; each boot has its own --timeout inside. */
#define SELFRUN_TIMEOUT_S	(24 * 3600.0)

json_t *eb_selfrun(const char *const args[], const char *out,
		   char *err, size_t size)
{
	char self[4096];
	const char *argv[MAXARGS];
	size_t n = 0;
	struct eb_proc p;

	ssize_t len = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (len < 0) {
		snprintf(err, size, "/proc/self/exe: %s", strerror(errno));
		return NULL;
	}
	self[len] = '\0';
	argv[n++] = self;
	argv[n++] = "run";
	while (*args && n < MAXARGS - 3)
		argv[n++] = *args++;
	argv[n++] = "--out";
	argv[n++] = out;
	argv[n] = NULL;

	unlink(out);
	eb_spawn(argv, SELFRUN_TIMEOUT_S, NULL, NULL, &p);
	if (p.how != EB_PROC_EXITED || p.code == EB_EXIT_BADUSAGE ||
	    access(out, F_OK) != 0) {
		/* run's own last message says why; keep its last line. */
		char *e = p.err + strlen(p.err);
		while (e > p.err && e[-1] == '\n')
			*--e = '\0';
		char *last = strrchr(p.err, '\n');
		snprintf(err, size, "'entrybench run' %s %d, no results: %s",
			 p.how == EB_PROC_EXITED ? "exited with status" :
			 p.how == EB_PROC_SIGNALED ? "was killed by signal" :
			 "did not finish, code", p.code,
			 last ? last + 1 : *p.err ? p.err : "no message");
		return NULL;
	}
	return eb_results_read(out, err, size);
}

size_t eb_selfrun_opt(const char *args[], size_t n, const char *opt,
		      const char *value)
{
	if (value) {
		args[n++] = opt;
		args[n++] = value;
	}
	args[n] = NULL;
	return n;
}
