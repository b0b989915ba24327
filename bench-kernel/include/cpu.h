#ifndef EB_CPU_H
#define EB_CPU_H

#include "types.h"

struct cpu_info {
	char vendor[13] __aligned(4);	/* filled as three u32s */
	u32 family, model, stepping;
	bool hypervisor, rdtscp, intel;
};

extern struct cpu_info boot_cpu;

void cpu_identify(void);
void cpu_record(void);
void calib_record(void);

#endif
