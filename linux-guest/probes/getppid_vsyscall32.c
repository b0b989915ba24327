/*
 * getppid through __kernel_vsyscall from a 32-bit process: the 32-bit
 * helper (probe32/main.c) checks and times it; this side runs it and takes
 * its results into the protocol stream (probe32.h).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "guest.h"
#include "probe.h"
#include "probe32.h"

static char entry[16];		/* what --entry said */

/* Runs the helper with argv, its output into out; its wait status, or -1. */
static int run_helper(char *const argv[], char *out, size_t size)
{
	int fds[2], status;
	size_t len = 0;
	ssize_t n;
	pid_t pid;

	if (pipe(fds))
		return -1;
	pid = fork();
	if (pid == 0) {
		dup2(fds[1], STDOUT_FILENO);
		close(fds[0]);
		execv(probe32_path(), argv);
		_exit(errno == ENOEXEC ? 126 : 127);
	}
	close(fds[1]);
	while (pid > 0 && len + 1 < size && (n = read(fds[0], out + len, size - 1 - len)) > 0)
		len += n;
	out[len] = '\0';
	close(fds[0]);
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		return -1;
	return status;
}

static const char *unsupported(const struct guest_config *cfg)
{
	char *argv[] = { "probe32", "--entry", NULL };
	int status;

	(void)cfg;
	if (access(probe32_path(), X_OK))
		return "no 32-bit helper: built without a 32-bit C toolchain (gcc-multilib)";
	status = run_helper(argv, entry, sizeof(entry));
	if (status == -1 || !WIFEXITED(status))
		return "the 32-bit helper did not run to its end";
	if (WEXITSTATUS(status) == 126)
		return "this kernel cannot execute 32-bit programs (no IA32 emulation)";
	if (WEXITSTATUS(status) == PROBE32_NO_VDSO)
		return "no 32-bit vDSO in a 32-bit process (no AT_SYSINFO: vdso32=0?)";
	if (WEXITSTATUS(status))
		return "the 32-bit helper failed to start";
	entry[strcspn(entry, "\n")] = '\0';
	return NULL;
}

/* The family and peer follow the instruction __kernel_vsyscall uses here. */
static const char *family_here(void)
{
	if (!entry[0])
		unsupported(NULL);
	return !strcmp(entry, "sysenter") ? "sysenter" :
	       !strcmp(entry, "int80") ? "int80-gate" : "syscall";
}

static const char *peer_here(void)
{
	family_here();
	return !strcmp(entry, "sysenter") ? "sysenter-32" :
	       !strcmp(entry, "int80") ? "int80-32" : NULL;
}

static void fail(struct measurement *m, const char *why, const char *out)
{
	m->passed = false;
	m->nbatches = 0;
	snprintf(m->detail, sizeof(m->detail), "32-bit helper: %s: '%.80s'", why, out);
}

/* check pass|fail DETAIL, then the batches. */
static void parse(const char *out, const struct guest_config *cfg,
		  struct measurement *m)
{
	const char *line = strchr(out, '\n');
	int at = 0;

	if (strncmp(out, "check ", 6) || !line) {
		fail(m, "no check line", out);
		return;
	}
	m->passed = !strncmp(out + 6, "pass", 4);
	at = 6 + 4 + (out[10] == ' ');
	snprintf(m->detail, sizeof(m->detail), "%.*s", (int)(line - out - at), out + at);
	for (m->nbatches = 0; m->passed && m->nbatches < cfg->batches; m->nbatches++) {
		uint64_t *o = &m->overhead[m->nbatches], *t = &m->ticks[m->nbatches];

		if (sscanf(line + 1, "batch %" SCNu64 " %" SCNu64 "%n", o, t, &at) != 2 ||
		    line[1 + at] != '\n') {
			fail(m, "malformed batch line", line + 1);
			return;
		}
		line = strchr(line + 1, '\n');
	}
	if (line[1])
		fail(m, "output after the last batch", line + 1);
}

static void measure32(const struct probe *p, const struct guest_config *cfg,
		      struct measurement *m)
{
	static char out[EB_MAX_BATCHES * 48 + 1024];
	char k[24], batches[24], warmup[24], ppid[24];
	char *argv[] = { "probe32", k, batches, warmup, ppid, NULL };
	int status;

	(void)p;
	snprintf(k, sizeof(k), "%" PRIu64, cfg->k);
	snprintf(batches, sizeof(batches), "%" PRIu64, cfg->batches);
	snprintf(warmup, sizeof(warmup), "%" PRIu64, cfg->warmup);
	snprintf(ppid, sizeof(ppid), "%d", (int)getpid());
	status = run_helper(argv, out, sizeof(out));
	if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status))
		fail(m, status != -1 && WIFSIGNALED(status) ? "killed by a signal" :
		     "failed", out);
	else
		parse(out, cfg, m);
}

PROBE(getppid_vsyscall32) = {
	.name = "getppid-vsyscall32",
	.family = "sysenter",
	.family_here = family_here,
	.peer_here = peer_here,
	.models = "getppid through the vDSO's __kernel_vsyscall in a static 32-bit "
		  "process: SYSENTER on Intel, SYSCALL on AMD (the check's detail "
		  "says which ran), entry_SYSENTER_compat or entry_SYSCALL_compat, "
		  "do_fast_syscall_32",
	.source = "Linux arch/x86/entry/vdso/vdso32/system_call.S, entry_64_compat.S, common.c",
	.unsupported = unsupported,
	.measure = measure32,
};
