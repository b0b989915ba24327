/* SPDX-License-Identifier: MIT */
/*
 * What decides how many TSC cycles a round trip takes besides the code:
 * the frequency governor, boost/turbo and SMT, as sysfs says (cycle tiers
 * only; see results/SCHEMA.md, environment.cpu_power).  A value sysfs does
 * not give is {"unavailable": why}, never a guess.
 */
#ifndef EB_CPUPOWER_H
#define EB_CPUPOWER_H

#include <jansson.h>

/* cpu_dir is /sys/devices/system/cpu, or a copy of it (tests). */
json_t *eb_cpu_power(const char *cpu_dir);

#endif
