/* SPDX-License-Identifier: MIT */
/*
 * entrybench counters: run a command (typically QEMU booting the bench
 * kernel) and print host-side counters of it and of every thread it
 * starts: guest-only PMU events and KVM tracepoints, or why each one could
 * not be counted.  What `run` will record per trial, on demand.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "counters/perf_events.h"
#include "lib/cli.h"
#include "lib/command.h"
#include "lib/options.h"

static const struct eb_usage usage = {
	.cmd = "counters",
	.min_operands = 1, .max_operands = INT_MAX, .operands = "COMMAND",
	.synopsis = "[options] -- COMMAND [ARGS...]",
	.text = "Events: libpfm4 names (cycles, instructions, ...; counted in the guest\n"
		"only) and tracepoints subsystem:event (kvm:kvm_exit, ...).  When the\n"
		"first QEMU in COMMAND runs under TCG, KVM exits and guest-only counts\n"
		"do not exist: they are reported unavailable, never as 0.\n"
		"Exit status: 0 the command exited 0, 1 it did not, 2 bad usage.\n",
	/* COMMAND's own options are not ours, even without "--". */
	.stop_at_operand = true,
};

/*
 * Under TCG the guest never enters KVM: KVM exits and guest-mode counts do
 * not exist, so they are withheld rather than printed as zero.  The tier is
 * that of the first QEMU in the command (after e.g. `timeout 60`): its
 * first accelerator, TCG when it names none (QEMU's default).
 */
static const char *tcg_reason(char *const *argv)
{
	const char *accel = NULL;
	bool qemu = false;

	for (; *argv && !accel; argv++) {
		char copy[4096];
		snprintf(copy, sizeof(copy), "%s", *argv);
		if (!qemu) {
			qemu = strncmp(basename(copy), "qemu-system-", 12) == 0;
			continue;
		}
		const char *a = *argv + (strncmp(*argv, "--", 2) == 0);
		const char *m;
		if (strcmp(a, "-enable-kvm") == 0)
			accel = "kvm";
		else if (strcmp(a, "-accel") == 0 && argv[1])
			accel = argv[1];
		else if ((strcmp(a, "-machine") == 0 || strcmp(a, "-M") == 0) &&
			 argv[1] && (m = strstr(argv[1], "accel=")))
			accel = m + 6;
	}
	if (!qemu || (accel && strncmp(accel, "tcg", 3) != 0))
		return NULL;
	return EB_COUNTERS_TCG_WHY;
}

static void print(const struct eb_counters *cs)
{
	for (size_t i = 0; i < cs->n; i++) {
		const struct eb_counter *c = &cs->c[i];
		if (c->has_value)
			printf("%-24s %20llu\n", c->name, (unsigned long long)c->value);
		else
			printf("%-24s unavailable: %s\n", c->name, c->why);
	}
}

/*
 * Forks cmd, paused until its counters are open: it execs once a byte
 * arrives on *go (or dies at EOF).  *failed then gives exec's errno, or
 * EOF when exec worked (close-on-exec).  -1 after saying why not.
 */
static pid_t start_paused(char **cmd, int *go, int *failed)
{
	int g[2], f[2];

	if (pipe(g) < 0 || pipe2(f, O_CLOEXEC) < 0) {
		eb_error("counters: pipe: %s", strerror(errno));
		return -1;
	}
	pid_t pid = fork();
	if (pid < 0) {
		eb_error("counters: fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		char byte;
		close(g[1]);
		close(f[0]);
		if (read(g[0], &byte, 1) != 1)
			_exit(127);
		execvp(cmd[0], cmd);
		int e = errno;
		if (write(f[1], &e, sizeof(e)) != sizeof(e))
			_exit(127);
		_exit(127);
	}
	close(g[0]);
	close(f[1]);
	*go = g[1];
	*failed = f[0];
	return pid;
}

/* exec's errno from start_paused()'s *failed pipe (closed); 0 if it worked. */
static int exec_errno(int failed)
{
	int e = 0;
	ssize_t got;

	while ((got = read(failed, &e, sizeof(e))) < 0 && errno == EINTR)
		;
	close(failed);
	return got == sizeof(e) ? e : 0;
}

/* The command's own outcome, said on stderr when it was not success. */
static int exit_status(const char *cmd, int status)
{
	if (WIFSIGNALED(status))
		eb_error("counters: %s killed by signal %d", cmd, WTERMSIG(status));
	else if (WEXITSTATUS(status))
		eb_error("counters: %s exited with status %d", cmd,
			 WEXITSTATUS(status));
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ?
	       EB_EXIT_OK : EB_EXIT_FAILED;
}

/* Runs cmd with the counters names[0..n) on it and every thread it starts. */
static int count(char **cmd, const char *const *names, size_t n)
{
	struct eb_counters cs;
	char err[512];
	int go, failed, status;
	pid_t pid = start_paused(cmd, &go, &failed);

	if (pid < 0)
		return EB_EXIT_FAILED;
	bool ok = eb_counters_open(&cs, pid, names, n, "", err, sizeof(err));
	const char *tcg = tcg_reason(cmd);
	if (ok && tcg)
		eb_counters_withhold(&cs, tcg);
	/* Closing the pipe unblocks the child: it dies at once if !ok. */
	if (ok && write(go, "g", 1) != 1)
		ok = false;
	close(go);
	int e = exec_errno(failed);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!ok) {
		eb_error("counters: %s", err);
		return EB_EXIT_BADUSAGE;
	}
	if (e) {
		eb_counters_close(&cs);
		eb_error("counters: cannot run %s: %s", cmd[0], strerror(e));
		return EB_EXIT_BADUSAGE;
	}
	eb_counters_read(&cs);
	eb_counters_close(&cs);
	print(&cs);
	return exit_status(cmd[0], status);
}

static int counters(int argc, char **argv)
{
	const char *events = EB_COUNTERS_DEFAULT;
	struct eb_option opts[] = {
		EB_OPT_STRING("events", 'e', &events, "E1,E2,...",
			      "what to count"),
		EB_OPT_END,
	};
	char list[4096];
	const char *names[EB_COUNTERS_MAX + 1];
	size_t n = 0;
	int first;

	int rc = eb_options_command(&usage, opts, argc, argv, &first);
	if (rc >= 0)
		return rc;
	snprintf(list, sizeof(list), "%s", events);
	/* Up to one too many: eb_counters_open() says what is too many. */
	for (char *s = list, *name; (name = strsep(&s, ","));)
		if (*name && n <= EB_COUNTERS_MAX)
			names[n++] = name;
	if (!n) {
		eb_option_error("counters", "--events names no event");
		return EB_EXIT_BADUSAGE;
	}
	return count(argv + first, names, n);
}

EB_COMMAND("counters", counters, "run a command and count its KVM exits and guest events");
