/*
 * A pipe ping-pong between two processes: one byte to a partner blocked in
 * read(), which answers with the byte plus one.  A round trip is two
 * writes, two reads and two context switches.
 */
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "probe.h"

static int to_partner[2] = { -1, -1 }, from_partner[2] = { -1, -1 };
static pid_t partner;
static unsigned char sent;

static __attribute__((noreturn)) void echo(void)
{
	unsigned char c;

	close(to_partner[1]);
	close(from_partner[0]);
	while (read(to_partner[0], &c, 1) == 1) {
		c++;
		if (write(from_partner[1], &c, 1) != 1)
			break;
	}
	_exit(0);
}

/* 1 when the partner answered sent + 1. */
static long pingpong_trip(void)
{
	unsigned char c = ++sent;

	if (write(to_partner[1], &c, 1) != 1 || read(from_partner[0], &c, 1) != 1)
		return 0;
	return c == (unsigned char)(sent + 1);
}

static long one(void)
{
	return 1;
}

static const char *setup(const struct guest_config *cfg)
{
	(void)cfg;
	if (pipe(to_partner) || pipe(from_partner))
		return "pipe() failed";
	partner = fork();
	if (partner < 0)
		return "fork() of the partner failed";
	if (partner == 0)
		echo();
	close(to_partner[0]);
	close(from_partner[1]);
	return NULL;
}

static void teardown(void)
{
	close(to_partner[1]);	/* the partner reads EOF and exits */
	close(from_partner[0]);
	waitpid(partner, NULL, 0);
}

PROBE(pipe_pingpong) = {
	.name = "pipe-pingpong",
	.family = "syscall",
	.models = "one byte to a partner process and its answer back through two "
		  "pipes: two writes, two reads, two context switches (pipe_write, "
		  "pipe_read, schedule, switch_to)",
	.source = "Linux fs/pipe.c, kernel/sched/core.c __schedule, arch/x86/kernel/process_64.c __switch_to",
	.clobbers = C_CLOBBERS,
	.expect = one,
	.setup = setup,
	.trip = (void (*)(void))pingpong_trip,
	.teardown = teardown,
};
