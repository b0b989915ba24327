/*
 * getppid through int $0x80 from a 64-bit process: the compat entry
 * (i386 system-call numbers) that 64-bit code can still reach.
 */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "probe.h"

#define NR_GETPPID_I386	64

ASM_TRIP(getppid_int80_trip,
	 "movl $" EB_STR(NR_GETPPID_I386) ", %eax\n\t"
	 "int $0x80");

/* A kernel without IA32 emulation kills the caller (#GP): try in a child. */
static const char *unsupported(const struct guest_config *cfg)
{
	int status = 0;
	pid_t pid = fork();

	(void)cfg;
	if (pid == 0) {
		signal(SIGSEGV, SIG_DFL);
		getppid_int80_trip();
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		return "cannot fork to try int $0x80";
	if (WIFSIGNALED(status))
		return "this kernel cannot take 32-bit system calls (no IA32 emulation)";
	return NULL;
}

PROBE(getppid_int80) = {
	.name = "getppid-int80",
	.family = "int80-gate",
	.peer = "int80-ptregs",
	.models = "getppid (i386 number 64) through int $0x80 from a 64-bit process: "
		  "entry_INT80_compat, do_int80_syscall_32, exit through IRET",
	.source = "Linux arch/x86/entry/entry_64_compat.S entry_INT80_compat, common.c",
	.expect = expected_parent,
	.trip = getppid_int80_trip,
	.unsupported = unsupported,
};
