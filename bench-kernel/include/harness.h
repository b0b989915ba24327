#ifndef EB_HARNESS_H
#define EB_HARNESS_H

#include "config.h"

void describe_variants(void);			/* a `variant` record each */
bool run_variants(const struct config *cfg);	/* false if a check failed */

#endif
