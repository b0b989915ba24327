/*
 * /init of the Linux guest's initramfs (pid 1), or, run on a host with eb.*
 * arguments, the same probes writing to standard output (for testing the
 * program and its records without a VM).
 *
 * pid 1 mounts what the probes read (/proc, /sys, /dev), then forks the
 * bench process: getppid then has a known answer (1), and pid 1 outlives a
 * bench process that dies, to end the VM at once rather than let the
 * kernel panic or the host wait for its timeout.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <entrybench/protocol.h>
#include "guest.h"

static char cmdline[4096];
static char self_dir[4096];
static bool in_guest;

static void mount_fs(const char *type, const char *dir)
{
	mkdir(dir, 0755);
	if (mount(type, dir, type, 0, NULL) < 0 && errno != EBUSY)
		fprintf(stderr, "entrybench: mount %s on %s: %s\n", type, dir,
			strerror(errno));
}

static void read_cmdline(void)
{
	int fd = open("/proc/cmdline", O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, cmdline, sizeof(cmdline) - 1);

	if (fd >= 0)
		close(fd);
	cmdline[n > 0 ? n : 0] = '\0';
	cmdline[strcspn(cmdline, "\n")] = '\0';
}

/* The bench process died without `end`: say so on the console, end the VM. */
static __attribute__((noreturn)) void bench_died(int status)
{
	if (WIFSIGNALED(status))
		fprintf(stderr, "entrybench: the bench process was killed by signal %d (%s)\n",
			WTERMSIG(status), strsignal(WTERMSIG(status)));
	else
		fprintf(stderr, "entrybench: the bench process exited with status %d "
			"before its end record\n", WEXITSTATUS(status));
	if (ioperm(EB_PORT_EXIT, 1, 1) == 0)
		outb(EB_EXIT_CRASH, EB_PORT_EXIT);
	reboot(RB_POWER_OFF);
	reboot(RB_AUTOBOOT);
	_exit(1);
}

static void as_pid1(void)
{
	int status;
	pid_t pid;

	in_guest = true;
	mount_fs("proc", "/proc");
	mount_fs("sysfs", "/sys");
	mount_fs("devtmpfs", "/dev");
	read_cmdline();
	pid = fork();
	if (pid == 0)
		bench_main(cmdline, 1);
	if (pid < 0) {
		fprintf(stderr, "entrybench: cannot fork the bench process: %s\n",
			strerror(errno));
		status = EB_EXIT_CRASH << 8;	/* as if it had exited with that */
	}
	while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	bench_died(status);
}

/* On a host: argv[1..] is the command line, records go to stdout. */
static void on_host(int argc, char **argv)
{
	size_t n = 0;

	for (int i = 1; i < argc && n < sizeof(cmdline) - 1; i++)
		n += snprintf(cmdline + n, sizeof(cmdline) - n, "%s%s", i > 1 ? " " : "",
			      argv[i]);
	console_use_stdout();
	bench_main(cmdline, getppid());
}

const char *probe32_path(void)
{
	static char path[sizeof(self_dir) + 16];

	if (in_guest)
		return "/probe32";
	snprintf(path, sizeof(path), "%s/probe32", self_dir);
	return path;
}

int main(int argc, char **argv)
{
	ssize_t n = readlink("/proc/self/exe", self_dir, sizeof(self_dir) - 1);

	self_dir[n > 0 ? n : 0] = '\0';
	if (strrchr(self_dir, '/'))
		*strrchr(self_dir, '/') = '\0';
	if (getpid() == 1)
		as_pid1();
	else
		on_host(argc, argv);
	return 0;
}
