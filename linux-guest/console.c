/*
 * The guest's way out: records collect in a buffer and go to the debug
 * port (or, on a host, standard output) when a probe is done, so that no
 * output happens while anything is timed and the port is open only for the
 * few system calls of a flush (guest.h says why).  qemu_exit() ends the VM
 * through isa-debug-exit, or reboot(2) where that device is missing.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/reboot.h>
#include <unistd.h>

#include <entrybench/protocol.h>
#include "console.h"
#include "guest.h"

static char buf[64 << 10];
static size_t len;
static bool to_stdout;

void console_use_stdout(void)
{
	to_stdout = true;
}

static void write_stdout(const char *s, size_t n)
{
	while (n) {
		ssize_t w = write(STDOUT_FILENO, s, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			_exit(EB_EXIT_CRASH);	/* nobody to tell */
		s += w;
		n -= w;
	}
}

/* One byte per OUT: QEMU's debugcon takes them as they come. */
static void write_port(const char *s, size_t n)
{
	if (ioperm(EB_PORT_DEBUGCON, 1, 1) < 0) {
		fprintf(stderr, "entrybench: ioperm(0x%x): %s\n", EB_PORT_DEBUGCON,
			strerror(errno));
		reboot(RB_POWER_OFF);
		_exit(EB_EXIT_CRASH);
	}
	while (n--)
		outb((unsigned char)*s++, EB_PORT_DEBUGCON);
	ioperm(EB_PORT_DEBUGCON, 1, 0);	/* drops TIF_IO_BITMAP again */
}

void console_flush(void)
{
	if (to_stdout)
		write_stdout(buf, len);
	else
		write_port(buf, len);
	len = 0;
}

/* bench-kernel/proto.c calls this once per complete record. */
void console_write(const char *s, size_t n)
{
	if (len + n > sizeof(buf))
		console_flush();
	memcpy(buf + len, s, n);
	len += n;
}

void qemu_exit(int code)
{
	console_flush();
	if (to_stdout)
		exit(code);
	if (ioperm(EB_PORT_EXIT, 1, 1) == 0)
		outb((unsigned char)code, EB_PORT_EXIT);
	/* No isa-debug-exit: power off (-no-reboot makes a reboot end QEMU too). */
	reboot(RB_POWER_OFF);
	reboot(RB_AUTOBOOT);
	_exit(code);
}
