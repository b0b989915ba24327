/* SPDX-License-Identifier: MIT */
/*
 * entrybench counters: run a command (typically QEMU booting the bench
 * kernel) and print host-side counters of it and of every thread it
 * starts: guest-only PMU events and KVM tracepoints, or why each one could
 * not be counted.  What `run` will record per trial, on demand.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "command.h"
#include "counters.h"

static const char usage[] =
	"usage: entrybench counters [--events E1,E2,...] -- COMMAND [ARGS...]\n"
	"Events: libpfm4 names (cycles, instructions, ...; counted in the guest\n"
	"only) and tracepoints subsystem:event (kvm:kvm_exit, ...).  Default:\n"
	"  " EB_COUNTERS_DEFAULT "\n"
	"Exit status: 0 the command exited 0, 1 it did not, 2 bad usage.\n";

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

static int counters(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "events", required_argument, NULL, 'e' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	char list[4096] = EB_COUNTERS_DEFAULT, err[512];
	const char *names[EB_COUNTERS_MAX + 1];
	size_t n = 0;
	int c, go[2], failed[2], status;

	while ((c = eb_getopt_long(argc, argv, "+e:h", opts, NULL)) != -1) {
		switch (c) {
		case 'e': snprintf(list, sizeof(list), "%s", optarg); break;
		case 'h': fputs(usage, stdout); return EB_EXIT_OK;
		default: fputs(usage, stderr); return EB_EXIT_BADUSAGE;
		}
	}
	if (optind == argc) {
		eb_error("counters: no command given");
		fputs(usage, stderr);
		return EB_EXIT_BADUSAGE;
	}
	for (char *s = list, *name; (name = strsep(&s, ","));)
		if (*name && n <= EB_COUNTERS_MAX)
			names[n++] = name;
	if (!n) {
		eb_error("counters: --events names no event");
		return EB_EXIT_BADUSAGE;
	}

	/* The child waits until its counters are open, then execs. */
	/* failed: close-on-exec, so it reads EOF exactly when exec worked. */
	if (pipe(go) < 0 || pipe2(failed, O_CLOEXEC) < 0) {
		eb_error("counters: pipe: %s", strerror(errno));
		return EB_EXIT_FAILED;
	}
	pid_t pid = fork();
	if (pid < 0) {
		eb_error("counters: fork: %s", strerror(errno));
		return EB_EXIT_FAILED;
	}
	if (pid == 0) {
		char byte;
		close(go[1]);
		close(failed[0]);
		if (read(go[0], &byte, 1) != 1)
			_exit(127);
		execvp(argv[optind], argv + optind);
		int e = errno;
		if (write(failed[1], &e, sizeof(e)) != sizeof(e))
			_exit(127);
		_exit(127);
	}
	close(go[0]);
	close(failed[1]);

	struct eb_counters cs;
	bool ok = eb_counters_open(&cs, pid, names, n, "", err, sizeof(err));
	const char *tcg = tcg_reason(argv + optind);
	if (ok && tcg)
		eb_counters_withhold(&cs, tcg);
	/* Closing the pipe unblocks the child: it dies at once if !ok. */
	if (ok && write(go[1], "g", 1) != 1)
		ok = false;
	close(go[1]);
	int exec_errno = 0;
	ssize_t got;
	while ((got = read(failed[0], &exec_errno, sizeof(exec_errno))) < 0 &&
	       errno == EINTR)
		;
	close(failed[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!ok) {
		eb_error("counters: %s", err);
		return EB_EXIT_BADUSAGE;
	}
	if (got == sizeof(exec_errno)) {
		eb_counters_close(&cs);
		eb_error("counters: cannot run %s: %s", argv[optind],
			 strerror(exec_errno));
		return EB_EXIT_BADUSAGE;
	}
	eb_counters_read(&cs);
	eb_counters_close(&cs);
	print(&cs);
	if (WIFSIGNALED(status))
		eb_error("counters: %s killed by signal %d", argv[optind],
			 WTERMSIG(status));
	else if (WEXITSTATUS(status))
		eb_error("counters: %s exited with status %d", argv[optind],
			 WEXITSTATUS(status));
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ?
	       EB_EXIT_OK : EB_EXIT_FAILED;
}

EB_COMMAND("counters", counters, "run a command and count its KVM exits and guest events");
