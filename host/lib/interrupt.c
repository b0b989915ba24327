/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <unistd.h>

#include "lib/array.h"
#include "lib/interrupt.h"

static volatile sig_atomic_t caught;
static int wake[2] = { -1, -1 };	/* the self-pipe: readable once caught */

static const int signals[] = { SIGINT, SIGTERM, SIGHUP };

static void handler(int sig)
{
	int e = errno;

	caught = sig;
	/* A full pipe is readable already: a failed write loses nothing. */
	if (wake[1] >= 0 && write(wake[1], "!", 1) < 0)
		errno = e;
	errno = e;
}

void eb_interrupt_catch(void)
{
	/* No SA_RESTART: a blocking call returns EINTR and sees the flag. */
	struct sigaction sa = { .sa_handler = handler, .sa_flags = SA_RESETHAND };

	if (wake[0] < 0 && pipe2(wake, O_CLOEXEC | O_NONBLOCK) < 0)
		wake[0] = wake[1] = -1;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < N_OF(signals); i++) {
		struct sigaction old;
		/* Ignored on purpose (nohup, a background job): stay ignored. */
		if (sigaction(signals[i], NULL, &old) == 0 &&
		    old.sa_handler == SIG_IGN)
			continue;
		sigaction(signals[i], &sa, NULL);
	}
}

int eb_interrupted(void)
{
	return caught;
}

int eb_interrupt_fd(void)
{
	return wake[0];
}

void eb_interrupt_sigset(sigset_t *set)
{
	sigemptyset(set);
	for (size_t i = 0; i < N_OF(signals); i++)
		sigaddset(set, signals[i]);
}
