/* SPDX-License-Identifier: MIT */
#include <signal.h>
#include <stddef.h>

#include "lib/array.h"
#include "lib/interrupt.h"

static volatile sig_atomic_t caught;

static const int signals[] = { SIGINT, SIGTERM, SIGHUP };

static void handler(int sig)
{
	caught = sig;
}

void eb_interrupt_catch(void)
{
	/* No SA_RESTART: a blocking call returns EINTR and sees the flag. */
	struct sigaction sa = { .sa_handler = handler, .sa_flags = SA_RESETHAND };

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

void eb_interrupt_sigset(sigset_t *set)
{
	sigemptyset(set);
	for (size_t i = 0; i < N_OF(signals); i++)
		sigaddset(set, signals[i]);
}
