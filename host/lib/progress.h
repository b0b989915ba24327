/* SPDX-License-Identifier: MIT */
/*
 * A progress line with an ETA on stderr, for runs that take more than a
 * few seconds (the matrix, the linux tier's columns, any loop of steps of
 * known number):
 *
 *	eb_progress_begin("run", total);
 *	for each step: ...; eb_progress_hide(); print its line; eb_progress_step();
 *	eb_progress_end();
 *
 * The line is drawn in place ("\r", erase to the end of the line) only
 * when stderr is a terminal, and only once the run has taken
 * EB_PROGRESS_AFTER seconds (default 2; the environment variable of that
 * name sets it, e.g. 0 for tests), so a log file or a pipe never sees it
 * and a run of a second never flickers.  One line at a time: not thread
 * safe, call it under the lock that orders the other stderr lines.
 */
#ifndef EB_PROGRESS_H
#define EB_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

void eb_progress_begin(const char *what, unsigned total);

/* One more step done: the line redrawn (if it shows). */
void eb_progress_step(void);

/* Clears the line (if it shows) so that another line can be printed. */
void eb_progress_hide(void);

/* The run is over: the line cleared, nothing more drawn. */
void eb_progress_end(void);

/*
 * "run: 3/8 (37 %), 0:14 elapsed, ETA 0:23" into out: the ETA from the
 * mean time of a step so far ("ETA ?" before the first), times as m:ss
 * or h:mm:ss.  Returns what snprintf returns.
 */
int eb_progress_format(char *out, size_t size, const char *what, unsigned done,
		       unsigned total, double elapsed);

#endif
