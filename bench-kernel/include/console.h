/* The two ports the guest talks to the host through (see protocol.h). */
#ifndef EB_CONSOLE_H
#define EB_CONSOLE_H

#include "types.h"

void console_write(const char *s, size_t n);
__noreturn void qemu_exit(int code);

#endif
