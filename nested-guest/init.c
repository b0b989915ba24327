/*
 * /init of the nested tier's L1 Linux (pid 1).  It loads the KVM modules
 * the host listed (finit_module), runs the host's QEMU with the L2 argv
 * the host passed through fw_cfg, and hands everything L2 prints on its
 * debug console to the outer QEMU's debug console, byte for byte, and
 * L2's exit code to the outer isa-debug-exit: the host then reads the
 * bench kernel's records and verdict exactly as under any other tier
 * (include/entrybench/protocol.h, "Tier nested").
 *
 * Whatever goes wrong in L1 is said on L1's console (the host shows its
 * tail) in a line starting EB_NESTED_L1_SAYS, and ends the outer QEMU with
 * EB_EXIT_L1_FAILED: never a hang, never a reading the host could take for
 * the bench kernel's.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <entrybench/protocol.h>
#include "l1.h"

/* The outer QEMU ends with (code << 1) | 1; reboot(2) if it has no such device. */
void end_vm(int code)
{
	if (ioperm(EB_PORT_EXIT, 1, 1) == 0)
		outb(code, EB_PORT_EXIT);
	reboot(RB_POWER_OFF);
	reboot(RB_AUTOBOOT);
	_exit(1);
}

/* Says why on L1's console and ends the VM with EB_EXIT_L1_FAILED. */
void fail(const char *fmt, ...)
{
	va_list ap;

	fputs(EB_NESTED_L1_SAYS, stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(stderr);
	end_vm(EB_EXIT_L1_FAILED);
}

static void mount_fs(const char *type, const char *dir)
{
	mkdir(dir, 0755);
	if (mount(type, dir, type, 0, NULL) < 0 && errno != EBUSY)
		fail("mount %s on %s: %s", type, dir, strerror(errno));
}

/* One module file; one already there (built in, loaded) is fine. */
static void load_module(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		fail("module %s: %s", path, strerror(errno));
	if (syscall(SYS_finit_module, fd, "", 0) < 0 && errno != EEXIST)
		fail("finit_module %s: %s (a module of another kernel, or the "
		     "CPU lacks what it needs: see the kernel's lines above)",
		     path, strerror(errno));
	close(fd);
}

/* The modules the host listed, in its order (dependencies first). */
static void load_modules(void)
{
	FILE *f = fopen(EB_NESTED_MODULE_LIST, "r");
	char line[512];

	if (!f)
		fail("%s: %s: the initramfs is not the nested tier's",
		     EB_NESTED_MODULE_LIST, strerror(errno));
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (*line)
			load_module(line);
	}
	fclose(f);
	if (access("/dev/kvm", R_OK | W_OK) != 0)
		fail("no usable /dev/kvm after loading the modules (%s): does the "
		     "outer CPU offer svm?", strerror(errno));
}

/* Code lives in sections named *text* (and in .altinstr_replacement). */
static int code_section(const struct dirent *d)
{
	return strstr(d->d_name, "text") || strcmp(d->d_name, ".altinstr_replacement") == 0;
}

/* One module's code sections and their addresses, a line each. */
static void print_module(const char *module)
{
	char dir[512], path[1024], addr[64];
	struct dirent **sec;
	int n;

	snprintf(dir, sizeof(dir), "/sys/module/%s/sections", module);
	n = scandir(dir, &sec, code_section, alphasort);
	for (int i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, sec[i]->d_name);
		FILE *f = fopen(path, "r");
		if (f && fgets(addr, sizeof(addr), f))
			fprintf(stderr, EB_NESTED_L1_SECTION "%s %s %s", module,
				sec[i]->d_name, addr);
		if (f)
			fclose(f);
		free(sec[i]);
	}
	if (n >= 0)
		free(sec);
}

/*
 * Only for the x-ray (the host passed EB_NESTED_FWCFG_SECTIONS): where the
 * modules' code is, for the host to name L1's instructions (protocol.h).
 */
static void print_module_sections(void)
{
	struct dirent *d;
	DIR *mods;

	if (access(FWCFG_DIR EB_NESTED_FWCFG_SECTIONS "/raw", R_OK) != 0)
		return;
	if (!(mods = opendir("/sys/module")))
		fail("/sys/module: %s", strerror(errno));
	while ((d = readdir(mods)))
		if (d->d_name[0] != '.')
			print_module(d->d_name);
	closedir(mods);
	fflush(stderr);
}

/* All of a file into buf (at most size bytes); its length. */
size_t slurp(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t n = 0;
	ssize_t r;

	if (fd < 0)
		fail("%s: %s (is qemu_fw_cfg loaded, and did the host pass "
		     "-fw_cfg?)", path, strerror(errno));
	while (n < size && (r = read(fd, buf + n, size - n)) != 0) {
		if (r < 0 && errno != EINTR)
			fail("%s: %s", path, strerror(errno));
		n += r > 0 ? (size_t)r : 0;
	}
	close(fd);
	if (n == size)
		fail("%s: longer than %zu bytes", path, size);
	return n;
}

/* L2's argvs: NUL-terminated strings from fw_cfg; their length. */
static size_t read_argvs(char *buf, size_t size)
{
	size_t n = slurp(FWCFG_DIR EB_NESTED_FWCFG_ARGV "/raw", buf, size);

	if (!n || buf[n - 1] != '\0')
		fail("%s: not NUL-terminated strings", EB_NESTED_FWCFG_ARGV);
	return n;
}

/*
 * The argv at *at into argv[], up to the empty string that ends it or the
 * end of buf; *at moves past it.  False when nothing is left.
 */
bool next_argv(const char *buf, size_t n, size_t *at, char *argv[MAX_ARGS])
{
	size_t k = 0;

	while (*at < n && buf[*at] != '\0') {
		if (k == MAX_ARGS - 1)
			fail("%s: an argv of more than %d strings",
			     EB_NESTED_FWCFG_ARGV, MAX_ARGS - 1);
		argv[k++] = (char *)buf + *at;
		*at += strlen(buf + *at) + 1;
	}
	if (*at < n)
		(*at)++;	/* the empty string after it */
	argv[k] = NULL;
	return k > 0;
}

/* The bench kernel image from fw_cfg to EB_NESTED_L2_KERNEL. */
static void copy_kernel(void)
{
	const char *from = FWCFG_DIR EB_NESTED_FWCFG_KERNEL "/raw";
	int in = open(from, O_RDONLY | O_CLOEXEC), out;
	char buf[65536];
	ssize_t r;

	mkdir("/run", 0755);
	out = open(EB_NESTED_L2_KERNEL, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (in < 0 || out < 0)
		fail("%s: %s", in < 0 ? from : EB_NESTED_L2_KERNEL, strerror(errno));
	while ((r = read(in, buf, sizeof(buf))) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 || write(out, buf, r) != r)
			fail("copying the bench kernel: %s", strerror(errno));
	}
	close(in);
	close(out);
}

/* n bytes to an outer port in one string instruction (after ioperm). */
void to_port(unsigned short port, const char *p, size_t n)
{
	__asm__ volatile("rep outsb" : "+S"(p), "+c"(n) : "d"(port) : "memory");
}

void to_debugcon(const char *p, size_t n)
{
	to_port(EB_PORT_DEBUGCON, p, n);
}

/*
 * Starts L2's QEMU with its stdout on a pipe; returns the pipe.  With a
 * gate (else -1) the child execs only once a byte comes on it.
 */
int start_l2(char *const argv[], pid_t *pid, int gate)
{
	int p[2];

	if (pipe2(p, O_CLOEXEC) < 0)
		fail("pipe: %s", strerror(errno));
	*pid = fork();
	if (*pid < 0)
		fail("fork: %s", strerror(errno));
	if (*pid == 0) {
		char go;
		dup2(p[1], STDOUT_FILENO);
		while (gate >= 0 && read(gate, &go, 1) < 0 && errno == EINTR)
			;
		execv(argv[0], argv);
		fprintf(stderr, EB_NESTED_L1_SAYS "exec %s: %s\n", argv[0],
			strerror(errno));
		_exit(127);
	}
	close(p[1]);
	return p[0];
}

/* L2's output on, until it closes it; the number of bytes passed. */
static size_t forward(int fd)
{
	char buf[4096];
	size_t total = 0;
	ssize_t r;

	if (ioperm(EB_PORT_DEBUGCON, 1, 1) < 0)
		fail("ioperm(0x%x): %s", EB_PORT_DEBUGCON, strerror(errno));
	while ((r = read(fd, buf, sizeof(buf))) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			fail("reading L2's QEMU: %s", strerror(errno));
		to_debugcon(buf, r);
		total += r;
	}
	return total;
}

/* argv[0] is EB_NESTED_L1_PROBES, not L2's QEMU: its status is the code. */
static bool l1_program;

/*
 * L2's QEMU ended: pass a bench kernel's exit code on; anything else is
 * L1's to explain.  QEMU's own failure, status 1, is also the code of a
 * passing guest: without a byte from L2 it can only be QEMU's.
 */
void l2_ended(int status, size_t bytes)
{
	if (l1_program && WIFEXITED(status) && WEXITSTATUS(status) <= EB_EXIT_USAGE)
		end_vm(WEXITSTATUS(status));	/* its own EB_EXIT_* code */
	if (WIFSIGNALED(status))
		fail("L2's QEMU was killed by signal %d (%s)", WTERMSIG(status),
		     strsignal(WTERMSIG(status)));
	int s = WEXITSTATUS(status);
	if (s == 127)
		fail("L2's QEMU could not be started (see above)");
	if (s == 1 && !bytes)
		fail("L2's QEMU exited with status 1 before L2 printed anything "
		     "(QEMU's own error is above)");
	if (s == 0) {
		fprintf(stderr, EB_NESTED_L1_SAYS "L2's QEMU exited with status 0: "
			"L2 reset (a triple fault, under -no-reboot)\n");
		reboot(RB_POWER_OFF);	/* the outer QEMU exits 0 too */
		_exit(1);
	}
	if (!(s & 1) || (s >> 1) > EB_EXIT_USAGE)
		fail("L2's QEMU exited with status %d, which no bench kernel "
		     "gives", s);
	end_vm(s >> 1);
}

int main(void)
{
	static char args[MAX_ARGV_BYTES];
	char *argv[MAX_ARGS];
	size_t at = 0, n;
	int status;
	pid_t pid;

	if (getpid() != 1)
		fail("this is the nested tier's L1 /init: it runs as pid 1 only");
	mount_fs("devtmpfs", "/dev");
	mount_fs("proc", "/proc");
	mount_fs("sysfs", "/sys");
	load_modules();
	print_module_sections();
	n = read_argvs(args, sizeof(args));
	copy_kernel();
	if (access(FWCFG_DIR EB_NESTED_FWCFG_COUNT "/raw", R_OK) == 0)
		count_runs(args, n);
	if (!next_argv(args, n, &at, argv))
		fail("%s: an empty argv", EB_NESTED_FWCFG_ARGV);
	l1_program = strcmp(argv[0], EB_NESTED_L1_PROBES) == 0;
	if (access(FWCFG_DIR EB_NESTED_FWCFG_NMI "/raw", R_OK) == 0)
		inject_run(argv);
	int fd = start_l2(argv, &pid, -1);
	size_t bytes = forward(fd);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			fail("waitpid: %s", strerror(errno));
	l2_ended(status, bytes);
}
