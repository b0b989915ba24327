/* The end of a run that hit an exception nobody expected (panic.c). */
#ifndef EB_PANIC_H
#define EB_PANIC_H

#include "types.h"

__noreturn void panic_exception(unsigned vector, unsigned long error,
				unsigned long ip, unsigned long cs, unsigned long sp);

#endif
