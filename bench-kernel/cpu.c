/*
 * What the guest can see of its CPU, and the ring-0 calibration loop that
 * lets the host tell real hardware virtualisation from emulated ring 0.
 */
#include <entrybench/protocol.h>
#include "cpu.h"
#include "proto.h"
#include "x86.h"

#define CPUID_1_ECX_HYPERVISOR		(1u << 31)
#define CPUID_80000001_EDX_RDTSCP	(1u << 27)

struct cpu_info boot_cpu;

void cpu_identify(void)
{
	u32 a, b, c, d, max_ext;
	u32 *vendor = (u32 *)boot_cpu.vendor;

	cpuid(0, &a, &vendor[0], &vendor[2], &vendor[1]);	/* EBX, EDX, ECX */
	cpuid(1, &a, &b, &c, &d);
	boot_cpu.family = (a >> 8) & 0xf;
	boot_cpu.model = (a >> 4) & 0xf;
	if (boot_cpu.family == 0xf)
		boot_cpu.family += (a >> 20) & 0xff;
	if (boot_cpu.family >= 6)
		boot_cpu.model |= ((a >> 16) & 0xf) << 4;
	boot_cpu.stepping = a & 0xf;
	boot_cpu.hypervisor = c & CPUID_1_ECX_HYPERVISOR;
	cpuid(0x80000000, &max_ext, &b, &c, &d);
	if (max_ext >= 0x80000001) {
		cpuid(0x80000001, &a, &b, &c, &d);
		boot_cpu.rdtscp = d & CPUID_80000001_EDX_RDTSCP;
	}
	boot_cpu.intel = vendor[0] == 0x756e6547;		/* "Genu" */
}

void cpu_record(void)
{
	rec_begin("cpu");
	rec_str("vendor", boot_cpu.vendor);
	rec_u64("family", boot_cpu.family);
	rec_u64("model", boot_cpu.model);
	rec_u64("stepping", boot_cpu.stepping);
	rec_u64("hypervisor", boot_cpu.hypervisor);
	rec_u64("rdtscp", boot_cpu.rdtscp);
	rec_end();
}

/*
 * Two instructions per iteration.  On hardware that is a cycle or two; under
 * TCG icount exactly 2 ticks; where ring 0 is emulated, thousands.
 */
void calib_record(void)
{
	unsigned long n = EB_CALIB_ITERS;
	u64 t0, t1;

	t0 = tsc_begin();
#ifdef EB_INJECT_CALIB_EXIT
	/* Planted (EB_INJECT=calib:exit): a VM exit per iteration under KVM. */
	asm volatile("1: outb %%al, $0x80; dec %0; jnz 1b" : "+r"(n) : "a"(0));
#else
	asm volatile("1: dec %0; jnz 1b" : "+r"(n));
#endif
	t1 = tsc_end();

	rec_begin("calib");
	rec_u64("iters", EB_CALIB_ITERS);
	rec_u64("ticks", t1 - t0);
	rec_end();
}
