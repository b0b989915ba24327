/*
 * int3 in user mode: #BP, SIGTRAP delivered to a handler (signal frame,
 * XSAVE), and rt_sigreturn back to the instruction after the int3.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "probe.h"

static volatile unsigned long traps, traps_before;

ASM_TRIP(int3_trip, "int3");

static void on_sigtrap(int sig)
{
	(void)sig;
	traps++;
}

static const char *setup(const struct guest_config *cfg)
{
	struct sigaction sa;

	(void)cfg;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigtrap;
	sigemptyset(&sa.sa_mask);
	return sigaction(SIGTRAP, &sa, NULL) ? "sigaction(SIGTRAP)" : NULL;
}

static void prepare(void)
{
	traps_before = traps;
}

static const char *check(void)
{
	static char why[64];

	if (traps - traps_before == 1)
		return NULL;
	snprintf(why, sizeof(why), "the SIGTRAP handler ran %lu times, not once",
		 traps - traps_before);
	return why;
}

static void teardown(void)
{
	signal(SIGTRAP, SIG_DFL);
}

PROBE(int3_sigtrap) = {
	.name = "int3-sigtrap",
	.family = "exception",
	.peer = "int3-ptregs",
	.models = "int3 from user mode: exc_int3 (#BP), SIGTRAP delivered to a "
		  "handler with its signal frame, then rt_sigreturn; every register "
		  "comes back",
	.source = "Linux arch/x86/kernel/traps.c exc_int3, signal.c, kernel/signal.c",
	.setup = setup,
	.prepare = prepare,
	.trip = int3_trip,
	.check = check,
	.teardown = teardown,
};
