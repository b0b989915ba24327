/* SPDX-License-Identifier: MIT */
/* The progress line (lib/progress.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "lib/progress.h"

static struct {
	const char *what;
	unsigned done, total;
	double start, after;
	bool active, tty, shown;
} line;

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

/* "m:ss" or "h:mm:ss" of s seconds. */
static void clock_text(char *out, size_t size, double s)
{
	long t = s > 0 ? lround(s) : 0;

	if (t >= 3600)
		snprintf(out, size, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
	else
		snprintf(out, size, "%ld:%02ld", t / 60, t % 60);
}

int eb_progress_format(char *out, size_t size, const char *what, unsigned done,
		       unsigned total, double elapsed)
{
	char spent[32], eta[32] = "?";
	unsigned pct = total ? (unsigned)(100.0 * done / total) : 100;

	clock_text(spent, sizeof(spent), elapsed);
	if (done)
		clock_text(eta, sizeof(eta), elapsed / done * (total - done));
	return snprintf(out, size, "%s: %u/%u (%u %%), %s elapsed, ETA %s", what,
			done, total, pct, spent, eta);
}

void eb_progress_begin(const char *what, unsigned total)
{
	const char *after = getenv("EB_PROGRESS_AFTER");

	line.what = what;
	line.done = 0;
	line.total = total;
	line.start = now();
	line.after = after && *after ? atof(after) : 2.0;
	line.tty = isatty(STDERR_FILENO);
	line.shown = false;
	line.active = true;
}

void eb_progress_step(void)
{
	char text[256];
	double elapsed = now() - line.start;

	if (!line.active)
		return;
	line.done++;
	if (!line.tty || elapsed < line.after || line.done >= line.total)
		return;
	eb_progress_format(text, sizeof(text), line.what, line.done, line.total,
			   elapsed);
	fprintf(stderr, "\r\033[K%s", text);
	fflush(stderr);
	line.shown = true;
}

void eb_progress_hide(void)
{
	if (!line.shown)
		return;
	fputs("\r\033[K", stderr);
	fflush(stderr);
	line.shown = false;
}

void eb_progress_end(void)
{
	eb_progress_hide();
	line.active = false;
}
