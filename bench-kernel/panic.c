/*
 * Unexpected exceptions, in either mode.  Nothing is recovered: the record
 * says where the guest was and the run ends as a crash, which the host
 * reports as such instead of a hang or a silent reset.  The protocol's keys
 * name the 64-bit registers; an i386 kernel puts EIP and ESP there.
 */
#include <entrybench/protocol.h>
#include "panic.h"
#include "proto.h"
#include "x86.h"

static const char *const names[32] = {
	[0] = "#DE divide error",		[1] = "#DB debug",
	[2] = "NMI",				[3] = "#BP breakpoint",
	[4] = "#OF overflow",			[5] = "#BR bound range",
	[6] = "#UD invalid opcode",		[7] = "#NM device not available",
	[8] = "#DF double fault",		[10] = "#TS invalid TSS",
	[11] = "#NP segment not present",	[12] = "#SS stack fault",
	[13] = "#GP general protection",	[14] = "#PF page fault",
	[16] = "#MF x87 error",			[17] = "#AC alignment check",
	[18] = "#MC machine check",		[19] = "#XM SIMD error",
	[20] = "#VE virtualization",		[21] = "#CP control protection",
	[29] = "#VC VMM communication",		[30] = "#SX security",
};

void panic_exception(unsigned vector, unsigned long error,
		     unsigned long ip, unsigned long cs, unsigned long sp)
{
	rec_begin("panic");
	rec_u64("vector", vector);
	rec_hex("error", error);
	rec_hex("rip", ip);
	rec_hex("cs", cs);
	rec_hex("rsp", sp);
	rec_hex("cr2", read_cr2());
	rec_quoted("what", vector < 32 && names[vector] ? names[vector] : "reserved vector");
	rec_end();
	proto_finish("crash", EB_EXIT_CRASH, "unexpected exception in the guest");
}
