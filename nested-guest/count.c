/*
 * A counting boot of the nested tier (run --counters): L2 runs once per
 * argv the host passed, and L1 counts tracepoints such as kvm:kvm_exit and
 * kvm:kvm_pio on L2's QEMU and every thread it starts, with
 * perf_event_open(2) as the host does on its own QEMU
 * (host/counters/perf_events.c).  L1 then speaks the protocol itself,
 * through the bench kernel's emitter (bench-kernel/proto.c): an l2run
 * record per run, how it ended and how many bytes L2 printed (each one an
 * OUT, an exit the host subtracts), and a count record per event.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <entrybench/protocol.h>
#include "console.h"
#include "proto.h"
#include "l1.h"

#define TRACEFS		"/sys/kernel/tracing"
#define MAX_WHY		400

static char out[64 << 10];
static size_t out_len;
unsigned short l1_proto_port = EB_PORT_DEBUGCON;
void (*l1_proto_done)(int code);

/* bench-kernel/proto.c's way out: the outer debug console, in bulk. */
void console_write(const char *s, size_t n)
{
	if (out_len + n > sizeof(out)) {
		to_port(l1_proto_port, out, out_len);
		out_len = 0;
	}
	memcpy(out + out_len, s, n);
	out_len += n;
}

void qemu_exit(int code)
{
	to_port(l1_proto_port, out, out_len);
	if (l1_proto_done)
		l1_proto_done(code);
	end_vm(code);
}

/* The events to count, one a line, split in place. */
static size_t read_events(char *buf, size_t size, char *events[EB_NESTED_MAX_EVENTS])
{
	size_t n = slurp(FWCFG_DIR EB_NESTED_FWCFG_COUNT "/raw", buf, size - 1), k = 0;

	buf[n] = '\0';
	for (char *s = buf, *e; (e = strsep(&s, "\n"));)
		if (*e && k < EB_NESTED_MAX_EVENTS)
			events[k++] = e;
	return k;
}

/* A tracepoint's perf id from L1's tracefs; 0 with why. */
static unsigned long tracepoint_id(const char *name, char *why)
{
	const char *colon = strchr(name, ':');
	char path[256], buf[32] = "";
	int fd;

	if (!colon || colon == name || !colon[1] || strchr(name, '/')) {
		snprintf(why, MAX_WHY, "not a tracepoint: L1 counts tracepoints "
			 "only (it has no PMU under TCG)");
		return 0;
	}
	snprintf(path, sizeof(path), TRACEFS "/events/%.*s/%s/id",
		 (int)(colon - name), name, colon + 1);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0 ||
	    read(fd, buf, sizeof(buf) - 1) <= 0) {
		snprintf(why, MAX_WHY, "no tracepoint in L1: %s: %s", path,
			 strerror(errno));
		if (fd >= 0)
			close(fd);
		return 0;
	}
	close(fd);
	return strtoul(buf, NULL, 10);
}

/* A counter of event on pid and its children, enabled when pid execs; -1 with why. */
static int open_event(const char *event, pid_t pid, char *why)
{
	struct perf_event_attr attr = {
		.type = PERF_TYPE_TRACEPOINT, .size = sizeof(attr),
		.disabled = 1, .inherit = 1, .enable_on_exec = 1,
	};
	int fd;

	if (!(attr.config = tracepoint_id(event, why)))
		return -1;
	fd = syscall(SYS_perf_event_open, &attr, pid, -1, -1, PERF_FLAG_FD_CLOEXEC);
	if (fd < 0)
		snprintf(why, MAX_WHY, "perf_event_open in L1: %s", strerror(errno));
	return fd;
}

/* Reads L2's debug console to its end: the bytes L2 wrote. */
static unsigned long long drain(int fd)
{
	unsigned long long total = 0;
	char buf[4096];
	ssize_t r;

	while ((r = read(fd, buf, sizeof(buf))) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			fail("reading L2's QEMU: %s", strerror(errno));
		total += r;
	}
	return total;
}

static void count_record(unsigned i, const char *event, int fd, const char *why)
{
	unsigned long long v = 0;
	bool ok = fd >= 0 && read(fd, &v, sizeof(v)) == sizeof(v);

	rec_begin("count");
	rec_u64("run", i);
	rec_str("event", event);
	if (ok)
		rec_u64("value", v);
	else
		rec_quoted("why", fd >= 0 ? "reading the counter failed" : why);
	rec_end();
	if (fd >= 0)
		close(fd);
}

/* Run i: L2 with argv, the events counted on its QEMU; its records. */
static void count_run(unsigned i, char *argv[], char *events[], size_t nevents)
{
	char why[EB_NESTED_MAX_EVENTS][MAX_WHY];
	int gate[2], fds[EB_NESTED_MAX_EVENTS], status;
	pid_t pid;

	if (pipe2(gate, O_CLOEXEC) < 0)
		fail("pipe: %s", strerror(errno));
	int l2out = start_l2(argv, &pid, gate[0]);
	close(gate[0]);
	for (size_t e = 0; e < nevents; e++)
		fds[e] = open_event(events[e], pid, why[e]);
	/* The child may exec now (it holds the write end too: no EOF). */
	if (write(gate[1], "g", 1) != 1)
		fail("gate: %s", strerror(errno));
	close(gate[1]);
	unsigned long long bytes = drain(l2out);
	close(l2out);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			fail("waitpid: %s", strerror(errno));
	rec_begin("l2run");
	rec_u64("i", i);
	rec_u64("status", WIFSIGNALED(status) ? 128 + WTERMSIG(status) :
		WEXITSTATUS(status));
	rec_u64("bytes", bytes);
	rec_end();
	for (size_t e = 0; e < nevents; e++)
		count_record(i, events[e], fds[e], why[e]);
}

void count_runs(const char *args, size_t n)
{
	static char list[4096];
	char *events[EB_NESTED_MAX_EVENTS], *argv[MAX_ARGS];
	size_t nevents = read_events(list, sizeof(list), events), at = 0;
	struct utsname u;
	unsigned i;

	if (ioperm(EB_PORT_DEBUGCON, 1, 1) < 0)
		fail("ioperm(0x%x): %s", EB_PORT_DEBUGCON, strerror(errno));
	if (mount("tracefs", TRACEFS, "tracefs", 0, NULL) < 0 && errno != EBUSY)
		fprintf(stderr, EB_NESTED_L1_SAYS "mount tracefs: %s\n", strerror(errno));
	uname(&u);
	rec_begin("hello");
	rec_u64("proto", EB_PROTO_VERSION);
	rec_str("mode", "x86_64");
	rec_str("boot", "pvh");
	rec_u64("k", 1);
	rec_u64("batches", 0);
	rec_u64("warmup", 0);
	rec_str("kernel", u.release);
	rec_end();
	for (i = 0; next_argv(args, n, &at, argv); i++) {
		if (i == EB_NESTED_MAX_RUNS)
			fail("more than %d L2 runs", EB_NESTED_MAX_RUNS);
		count_run(i, argv, events, nevents);
	}
	proto_finish("pass", EB_EXIT_PASS, NULL);
}
