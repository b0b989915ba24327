/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lib/interrupt.h"
#include "run/spawn.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * Keep only the last EB_STDERR_TAIL - 1 bytes: stderr may be unbounded.
 * It ends up in messages and JSON strings, so anything but printable ASCII
 * and newlines (NULs, escapes, invalid UTF-8) becomes '?'.
 */
static void tail(char *t, const char *b, size_t n)
{
	size_t cap = EB_STDERR_TAIL - 1, len = strlen(t), start = len;

	if (n >= cap) {
		memcpy(t, b + n - cap, cap);
		len = cap;
		start = 0;
	} else {
		if (len + n > cap) {
			memmove(t, t + (len + n - cap), cap - n);
			len = cap - n;
			start = len;
		}
		memcpy(t + len, b, n);
		len += n;
	}
	t[len] = '\0';
	for (size_t i = start; i < len; i++)
		if (t[i] != '\n' && (t[i] < 0x20 || t[i] >= 0x7f))
			t[i] = '?';
}

/*
 * fork + exec rather than posix_spawn: the child must join a new process
 * group (so that killing it also kills anything it started) and ask for
 * SIGKILL when we die (so that a kill -9 of the controller does not leave a
 * hung QEMU behind), and posix_spawn can do only the first.  Returns the
 * pid, or -1 with errno set, including exec's own errno.
 */
static pid_t start(const char *const argv[], int out, int err,
		   const sigset_t *mask, const struct eb_timer *timer)
{
	int ep[2], gate[2] = { -1, -1 }, e = 0;
	pid_t parent = getpid(), pid;
	bool gated = timer && timer->attach;
	char go;

	if (pipe2(ep, O_CLOEXEC) < 0)
		return -1;
	if (gated && pipe2(gate, O_CLOEXEC) < 0) {
		e = errno;
		close(ep[0]);
		close(ep[1]);
		errno = e;
		return -1;
	}
	pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
		setpgid(0, 0);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)	/* we died before prctl */
			_exit(127);
		signal(SIGPIPE, SIG_DFL);
		sigprocmask(SIG_SETMASK, mask, NULL);
		/* Until the parent has attached: its byte, or EOF if it died. */
		if (gated) {
			close(gate[1]);
			while (read(gate[0], &go, 1) < 0 && errno == EINTR)
				;
		}
		if (null < 0 || dup2(null, 0) < 0 || dup2(out, 1) < 0 ||
		    dup2(err, 2) < 0)
			e = errno;
		else
			execv(argv[0], (char *const *)argv);
		e = e ? e : errno;
		/* The parent reads our errno; EOF there means exec worked. */
		while (write(ep[1], &e, sizeof(e)) < 0 && errno == EINTR)
			;
		_exit(127);
	}
	e = pid < 0 ? errno : 0;
	close(ep[1]);
	if (gated) {
		close(gate[0]);
		if (pid > 0) {
			timer->attach(timer->ctx, pid);
			go = 'g';
			while (write(gate[1], &go, 1) < 0 && errno == EINTR)
				;
		}
		close(gate[1]);
	}
	if (pid > 0) {
		setpgid(pid, pid);	/* whichever of us runs first */
		/* EOF: exec succeeded.  Else the child's errno, and it exits. */
		while (read(ep[0], &e, sizeof(e)) < 0 && errno == EINTR)
			;
		if (e) {
			waitpid(pid, NULL, 0);
			pid = -1;
		}
	}
	close(ep[0]);
	errno = e;
	return pid;
}

/* Wait with the interrupt signals deliverable; false if one came. */
static bool nap(struct pollfd *fds, nfds_t n, double seconds,
		const sigset_t *mask, int *ready)
{
	struct timespec ts = {
		.tv_sec = (time_t)seconds,
		.tv_nsec = (long)((seconds - (time_t)seconds) * 1e9),
	};
	*ready = ppoll(fds, n, &ts, mask);
	return !eb_interrupted();
}

/* Read what is there; false once the sink wants no more. */
static bool drain(struct pollfd fds[2], char *buf, size_t size, eb_sink sink,
		  void *ctx, struct eb_proc *out)
{
	for (int i = 0; i < 2; i++) {
		if (fds[i].fd < 0 || !fds[i].revents)
			continue;
		ssize_t r = read(fds[i].fd, buf, size);
		if (r < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (r <= 0) {
			close(fds[i].fd);
			fds[i].fd = -1;
		} else if (i == 1) {
			tail(out->err, buf, r);
		} else if (sink && !sink(ctx, buf, r)) {
			return false;
		}
	}
	return true;
}

static bool exited(pid_t pid)
{
	siginfo_t si = { 0 };
	/* WNOWAIT: the zombie keeps the pid, so the group cannot be reused. */
	return waitid(P_PID, pid, &si, WEXITED | WNOHANG | WNOWAIT) == 0 &&
	       si.si_pid == pid;
}

void eb_spawn(const char *const argv[], double timeout_s, eb_sink sink,
	      void *ctx, struct eb_proc *out)
{
	eb_spawn_timed(argv, timeout_s, sink, ctx, NULL, out);
}

/* Starts argv with its stdout and stderr on new pipes; -1 with errno. */
static pid_t start_piped(const char *const argv[], const sigset_t *old,
			 struct eb_timer *timer, int *out_fd, int *err_fd)
{
	int op[2], ep[2];

	if (pipe2(op, O_CLOEXEC) < 0)
		return -1;
	if (pipe2(ep, O_CLOEXEC) < 0) {
		int e = errno;
		close(op[0]);
		close(op[1]);
		errno = e;
		return -1;
	}
	pid_t pid = start(argv, op[1], ep[1], old, timer);
	int e = errno;
	close(op[1]);
	close(ep[1]);
	if (pid < 0) {
		close(op[0]);
		close(ep[0]);
	}
	*out_fd = op[0];
	*err_fd = ep[0];
	errno = e;
	return pid;
}

/* What one child's watch needs between the turns of its loop. */
struct watch {
	pid_t pid;
	double start, deadline;
	struct pollfd *fds;		/* [4]: stdout, stderr, the timer's fd,
					   eb_interrupt_fd() */
	struct eb_timer *timer;
	double next;			/* the timer's next time, from start; -1 none */
	const sigset_t *mask;		/* the signal mask inside ppoll() */
	eb_sink sink;
	void *ctx;
};

/* One turn: EB_PROC_EXITED to go on, or how the watch ends. */
static enum eb_proc_how watch_turn(struct watch *w, char *buf, size_t size,
				   struct eb_proc *out)
{
	double t = now(), left = w->deadline - t;
	bool open = w->fds[0].fd >= 0 || w->fds[1].fd >= 0;
	int ready;

	if (w->timer && w->timer->fn &&
	    (w->fds[2].revents || (w->next >= 0 && t - w->start >= w->next))) {
		w->next = w->timer->fn(w->timer->ctx, t - w->start);
		w->fds[2].fd = w->timer->fd;
	}
	w->fds[2].revents = 0;	/* ppoll() leaves it alone on EINTR */
	if (w->next >= 0 && w->start + w->next - t < left)
		left = w->start + w->next - t > 0 ? w->start + w->next - t : 0;
	if (w->deadline - t <= 0)
		return EB_PROC_TIMEOUT;
	/* Pipes closed but no exit yet: look again every 5 ms. */
	if (!nap(w->fds, 4, open || left < 0.005 ? left : 0.005, w->mask, &ready))
		return EB_PROC_INTERRUPTED;
	if (ready > 0 && !drain(w->fds, buf, size, w->sink, w->ctx, out))
		return EB_PROC_STOPPED;
	return EB_PROC_EXITED;
}

/* Until both pipes are closed and the program has exited, or it ends. */
static enum eb_proc_how watch(struct watch *w, struct eb_proc *out)
{
	enum eb_proc_how how = EB_PROC_EXITED;
	char buf[16384];

	while (how == EB_PROC_EXITED) {
		if (w->fds[0].fd < 0 && w->fds[1].fd < 0 && exited(w->pid))
			break;
		how = watch_turn(w, buf, sizeof(buf), out);
	}
	for (int i = 0; i < 2; i++)
		if (w->fds[i].fd >= 0)
			close(w->fds[i].fd);
	return how;
}

/* Whatever happened, nothing of its process group survives. */
static void reap(pid_t pid, enum eb_proc_how how, struct eb_proc *out)
{
	int status;

	kill(-pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	out->how = how;
	out->code = how == EB_PROC_INTERRUPTED ? eb_interrupted() : 0;
	if (how == EB_PROC_EXITED && WIFSIGNALED(status)) {
		out->how = EB_PROC_SIGNALED;
		out->code = WTERMSIG(status);
	} else if (how == EB_PROC_EXITED) {
		out->code = WEXITSTATUS(status);
	}
}

void eb_spawn_timed(const char *const argv[], double timeout_s, eb_sink sink,
		    void *ctx, struct eb_timer *timer, struct eb_proc *out)
{
	struct watch w = {
		.start = now(), .timer = timer, .sink = sink, .ctx = ctx,
		.next = timer && timer->fn ? 0 : -1,
	};
	struct pollfd fds[4];
	sigset_t block, old, mask;
	int out_fd, err_fd;

	w.fds = fds;
	w.deadline = w.start + timeout_s;
	*out = (struct eb_proc){ .how = EB_PROC_NOSPAWN };
	/*
	 * Interrupts are taken only inside ppoll(): none slips in between.
	 * This thread's mask: boots may run in two threads at once.
	 */
	eb_interrupt_sigset(&block);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	mask = old;
	for (int s = 1; s < NSIG; s++)
		if (sigismember(&block, s))
			sigdelset(&mask, s);
	w.mask = &mask;

	if (eb_interrupted()) {
		out->how = EB_PROC_INTERRUPTED;
		out->code = eb_interrupted();
	} else if ((w.pid = start_piped(argv, &old, timer, &out_fd, &err_fd)) < 0) {
		out->code = errno;
	} else {
		w.fds[0] = (struct pollfd){ .fd = out_fd, .events = POLLIN };
		w.fds[1] = (struct pollfd){ .fd = err_fd, .events = POLLIN };
		w.fds[2] = (struct pollfd){ .fd = timer ? timer->fd : -1,
					    .events = POLLIN };
		/* A signal another thread took wakes this one too. */
		w.fds[3] = (struct pollfd){ .fd = eb_interrupt_fd(),
					    .events = POLLIN };
		reap(w.pid, watch(&w, out), out);
		out->seconds = now() - w.start;
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
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
