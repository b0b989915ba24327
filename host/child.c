/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "child.h"

extern char **environ;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Keep only the last EB_STDERR_TAIL - 1 bytes: stderr may be unbounded. */
static void tail(char *t, const char *b, size_t n)
{
	size_t cap = EB_STDERR_TAIL - 1, len = strlen(t);

	if (n >= cap) {
		memcpy(t, b + n - cap, cap);
		len = cap;
	} else {
		if (len + n > cap) {
			memmove(t, t + (len + n - cap), cap - n);
			len = cap - n;
		}
		memcpy(t + len, b, n);
		len += n;
	}
	t[len] = '\0';
	/* A NUL from the child would hide the rest of the tail. */
	for (size_t i = 0; i < len; i++)
		if (t[i] == '\0')
			t[i] = '?';
}

static bool spawn(const char *const argv[], int out, int err, pid_t *pid)
{
	posix_spawn_file_actions_t fa;
	int rc;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, out, 1);
	posix_spawn_file_actions_adddup2(&fa, err, 2);
	rc = posix_spawn(pid, argv[0], &fa, NULL, (char *const *)argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	errno = rc;
	return rc == 0;
}

void eb_spawn(const char *const argv[], double timeout_s, eb_sink sink,
	      void *ctx, struct eb_proc *out)
{
	int op[2], ep[2], status;
	double start = now(), deadline = start + timeout_s;
	pid_t pid;

	*out = (struct eb_proc){ .how = EB_PROC_NOSPAWN };
	if (pipe2(op, O_CLOEXEC) < 0) {
		out->code = errno;
		return;
	}
	if (pipe2(ep, O_CLOEXEC) < 0) {
		out->code = errno;
		close(op[0]);
		close(op[1]);
		return;
	}
	bool ok = spawn(argv, op[1], ep[1], &pid);
	out->code = errno;
	close(op[1]);
	close(ep[1]);
	if (!ok) {
		close(op[0]);
		close(ep[0]);
		return;
	}

	struct pollfd fds[2] = {
		{ .fd = op[0], .events = POLLIN },
		{ .fd = ep[0], .events = POLLIN },
	};
	enum eb_proc_how how = EB_PROC_EXITED;
	char buf[16384];

	while (fds[0].fd >= 0 || fds[1].fd >= 0) {
		double left = deadline - now();
		if (left <= 0) {
			how = EB_PROC_TIMEOUT;
			break;
		}
		int n = poll(fds, 2, (int)(left * 1000) + 1);
		if (n < 0 && errno != EINTR)
			break;
		for (int i = 0; i < 2 && n > 0; i++) {
			if (!fds[i].revents)
				continue;
			ssize_t r = read(fds[i].fd, buf, sizeof(buf));
			if (r <= 0) {
				if (r < 0 && errno == EINTR)
					continue;
				close(fds[i].fd);
				fds[i].fd = -1;
			} else if (i == 1) {
				tail(out->err, buf, r);
			} else if (sink && !sink(ctx, buf, r)) {
				how = EB_PROC_STOPPED;
			}
		}
		if (how == EB_PROC_STOPPED)
			break;
	}
	for (int i = 0; i < 2; i++)
		if (fds[i].fd >= 0)
			close(fds[i].fd);

	/* Both pipes closed; the child normally exits right away. */
	while (how == EB_PROC_EXITED && waitpid(pid, &status, WNOHANG) == 0) {
		if (now() >= deadline)
			how = EB_PROC_TIMEOUT;
		else
			poll(NULL, 0, 5);
	}
	if (how != EB_PROC_EXITED) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		out->how = how;
		out->code = 0;
	} else if (WIFSIGNALED(status)) {
		out->how = EB_PROC_SIGNALED;
		out->code = WTERMSIG(status);
	} else {
		out->how = EB_PROC_EXITED;
		out->code = WEXITSTATUS(status);
	}
	out->seconds = now() - start;
}

static bool executable(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	       access(path, X_OK) == 0;
}

bool eb_find_program(const char *name, char *path, size_t size,
		     char *why, size_t whysize)
{
	if (strchr(name, '/')) {
		snprintf(path, size, "%s", name);
		if (executable(path))
			return true;
		snprintf(why, whysize, "%s: %s", name,
			 access(name, F_OK) ? strerror(errno) :
			 "not an executable file");
		return false;
	}

	const char *dirs = getenv("PATH");
	for (const char *d = dirs ? dirs : "/usr/bin:/bin"; *d;) {
		size_t len = strcspn(d, ":");
		int n = snprintf(path, size, "%.*s/%s", (int)len,
				 len ? d : ".", name);
		if (n > 0 && (size_t)n < size && executable(path))
			return true;
		d += len + (d[len] == ':');
	}
	snprintf(why, whysize, "%s: not found in PATH", name);
	return false;
}
