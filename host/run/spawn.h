/* SPDX-License-Identifier: MIT */
/*
 * Run a program (never through a shell) with stdin from /dev/null, stream
 * its stdout to a sink, keep the tail of its stderr, and kill it when a
 * deadline passes, the sink has had enough or we are interrupted
 * (lib/interrupt.h).  The program runs in a process group of its own, which is
 * killed as a whole and always reaped before eb_spawn() returns, and it
 * gets SIGKILL if we die first: no QEMU outlives the controller.
 */
#ifndef EB_CHILD_H
#define EB_CHILD_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define EB_STDERR_TAIL	4096

enum eb_proc_how {
	EB_PROC_EXITED,		/* code = exit status */
	EB_PROC_SIGNALED,	/* code = signal number */
	EB_PROC_TIMEOUT,	/* killed at the deadline */
	EB_PROC_STOPPED,	/* killed because the sink returned false */
	EB_PROC_NOSPAWN,	/* code = errno */
	EB_PROC_INTERRUPTED,	/* killed: SIGINT/SIGTERM/SIGHUP; code = signal */
};

struct eb_proc {
	enum eb_proc_how how;
	int code;
	double seconds;
	char err[EB_STDERR_TAIL];	/* last bytes of stderr, printable ASCII
					   and newlines, NUL-terminated */
};

/* Returns false to stop the program (it is killed). */
typedef bool (*eb_sink)(void *ctx, const void *buf, size_t len);

void eb_spawn(const char *const argv[], double timeout_s, eb_sink sink,
	      void *ctx, struct eb_proc *out);

/*
 * Something to do while the program runs (injecting NMIs through QMP and
 * reading their acks): fn, if set, is called right after the start, then
 * whenever the time it returned (seconds since the start; negative: none)
 * has come or fd (if >= 0; fn may change it) is readable.  It runs between
 * reads of the program's output, so it must not block long.
 *
 * attach, if set, is called once the program's process exists but before
 * it execs (it waits for us): counters opened on pid with enable_on_exec
 * then count the program from its first instruction, with every thread it
 * starts.
 */
struct eb_timer {
	double (*fn)(void *ctx, double since_start);
	void (*attach)(void *ctx, pid_t pid);
	void *ctx;
	int fd;
};

void eb_spawn_timed(const char *const argv[], double timeout_s, eb_sink sink,
		    void *ctx, struct eb_timer *timer, struct eb_proc *out);

/* Resolve a program name like execvp would; false with a reason if not. */
bool eb_find_program(const char *name, char *path, size_t size,
		     char *why, size_t whysize);

#endif
