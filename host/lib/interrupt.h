/* SPDX-License-Identifier: MIT */
/*
 * SIGINT/SIGTERM/SIGHUP during a long command.  The first one only sets a
 * flag: eb_spawn() kills and reaps its child at once, and the command then
 * stops, keeps what it completed and exits with 128 + the signal number.
 * A second one of the same kind takes the default action (the impatient
 * user's way out).
 */
#ifndef EB_INTERRUPT_H
#define EB_INTERRUPT_H

#include <signal.h>

/* Install the handlers; main() does it once for every command. */
void eb_interrupt_catch(void);

/* The signal that arrived, or 0. */
int eb_interrupted(void);

/*
 * Readable from the first signal on (never drained; -1 before
 * eb_interrupt_catch()): a thread waiting in ppoll() on it as well wakes
 * up whichever thread the signal was delivered to, so that two boots run
 * side by side (run/linux_run.c) both stop at once.
 */
int eb_interrupt_fd(void);

/* The signals above, for blocking them outside ppoll(). */
void eb_interrupt_sigset(sigset_t *set);

#endif
