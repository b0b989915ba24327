#include <entrybench/protocol.h>
#include "console.h"
#include "x86.h"

void console_write(const char *s, size_t n)
{
	while (n--)
		outb(EB_PORT_DEBUGCON, (u8)*s++);
}

/* QEMU exits with (code << 1) | 1; without the device, stop here. */
void qemu_exit(int code)
{
	outb(EB_PORT_EXIT, (u8)code);
	halt_forever();
}
