/*
 * run --accel nested --inject-nmi: L1's /init injects the NMIs into L2
 * itself, through L2's QEMU's QMP socket, since an NMI sent to the outer
 * QEMU would be L1's.  The loop is the host's injector
 * (host/run/nmi_injector.c) in L1: once L2 printed its first line, each
 * NMI after its gap, the next only after L2's handler acknowledged the one
 * before on the ack console (QEMU latches one NMI: two raised before one
 * is taken merge), none after an ack that did not come within the
 * timeout.  L2's output is relayed as without NMIs; the log goes to the
 * host as records of L1's own on EB_NESTED_PORT_NMI_LOG (protocol.h).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <entrybench/protocol.h>
#include "proto.h"
#include "l1.h"

#define QMP_REPLY_MS	2000

struct inj {
	int l2out, listen_fd, ack_fd, qmp_fd;
	unsigned count;			/* NMIs planned */
	unsigned long long timeout_us, *gap_us;
	unsigned long long *at_us, *ack_us;	/* [count]; ack_us ~0: none */
	unsigned injected, acks, bad_ack, bad_byte;
	bool lost, awaiting;
	char why[200];			/* why injection stopped, else "" */
	unsigned long long hello, sent, next;	/* our clock, us */
	unsigned long *line;		/* [count]: L2's lines at each NMI */
	unsigned long lines;		/* L2's lines relayed so far */
	size_t bytes;
	int status;			/* L2's QEMU's, once it ended */
};

static struct inj in;

static unsigned long long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000ull + ts.tv_nsec / 1000;
}

static void *zalloc(size_t n, size_t size)
{
	void *p = calloc(n + 1, size);

	if (!p)
		fail("out of memory for %zu NMIs", n);
	return p;
}

/* The plan from fw_cfg: the ack timeout, then the gaps, in us. */
static void read_plan(void)
{
	static char buf[EB_MAX_NMI_COUNT * 12];
	size_t n = slurp(FWCFG_DIR EB_NESTED_FWCFG_NMI "/raw", buf, sizeof(buf) - 1);
	char *s = buf, *e;

	buf[n] = '\0';
	in.timeout_us = strtoull(s, &e, 10);
	in.gap_us = zalloc(EB_MAX_NMI_COUNT, sizeof(*in.gap_us));
	for (s = e; in.count < EB_MAX_NMI_COUNT; s = e) {
		unsigned long long g = strtoull(s, &e, 10);
		if (e == s)
			break;
		in.gap_us[in.count++] = g;
	}
	if (!in.timeout_us || !in.count)
		fail("%s: no ack timeout or no gaps", EB_NESTED_FWCFG_NMI);
	in.at_us = zalloc(in.count, sizeof(*in.at_us));
	in.ack_us = zalloc(in.count, sizeof(*in.ack_us));
	in.line = zalloc(in.count, sizeof(*in.line));
	memset(in.ack_us, 0xff, in.count * sizeof(*in.ack_us));
}

/* The socket L2's QEMU's ack chardev connects to when it starts. */
static int ack_listen(void)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	strcpy(a.sun_path, EB_NESTED_ACK_SOCK);
	unlink(EB_NESTED_ACK_SOCK);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    listen(fd, 1) < 0)
		fail("NMI ack socket %s: %s", EB_NESTED_ACK_SOCK, strerror(errno));
	return fd;
}

/* One line from QMP into buf; false on timeout or close. */
static bool qmp_line(char *buf, size_t size)
{
	struct pollfd p = { .fd = in.qmp_fd, .events = POLLIN };
	size_t n = 0;

	while (n + 1 < size) {
		if (poll(&p, 1, QMP_REPLY_MS) <= 0 || read(in.qmp_fd, buf + n, 1) != 1)
			return false;
		if (buf[n++] == '\n')
			break;
	}
	buf[n] = '\0';
	return true;
}

/* Sends command; true once its reply is a return (events skipped). */
static bool qmp_execute(const char *command)
{
	char line[1024];
	int n = snprintf(line, sizeof(line), "{\"execute\": \"%s\"}\n", command);

	if (send(in.qmp_fd, line, n, MSG_NOSIGNAL) != n) {
		snprintf(in.why, sizeof(in.why), "QMP: cannot send %s: %s",
			 command, strerror(errno));
		return false;
	}
	while (qmp_line(line, sizeof(line)))
		if (!strstr(line, "\"event\""))
			break;
	if (strstr(line, "\"return\""))
		return true;
	line[strcspn(line, "\n")] = '\0';
	snprintf(in.why, sizeof(in.why), "QMP %s: %.150s", command,
		 *line ? line : "no answer");
	return false;
}

/* L2's QEMU made its QMP socket before L2 ran: the greeting, capabilities. */
static bool qmp_connect(void)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	char greeting[1024];

	strcpy(a.sun_path, EB_NESTED_QMP_SOCK);
	in.qmp_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (in.qmp_fd < 0 || connect(in.qmp_fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
		snprintf(in.why, sizeof(in.why), "QMP: cannot connect to %s: %s",
			 EB_NESTED_QMP_SOCK, strerror(errno));
		return false;
	}
	if (!qmp_line(greeting, sizeof(greeting)) || !strstr(greeting, "\"QMP\"")) {
		snprintf(in.why, sizeof(in.why), "QMP: no greeting");
		return false;
	}
	return qmp_execute("qmp_capabilities");
}

/* L2's first line came: its NMI entry is installed; the first gap starts. */
static bool start_injecting(unsigned long long t)
{
	in.ack_fd = accept4(in.listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	close(in.listen_fd);
	in.listen_fd = -1;
	if (in.ack_fd < 0) {
		snprintf(in.why, sizeof(in.why), "L2's QEMU did not connect the "
			 "NMI ack channel: %s", strerror(errno));
		return false;
	}
	in.hello = t;
	in.next = t + in.gap_us[0];
	return qmp_connect();
}

/* One ack byte: one handler run, carrying the low byte of its number. */
static void ack(unsigned char b, unsigned long long t)
{
	if (b != ((in.acks + 1) & 0xff) && !in.bad_ack) {
		in.bad_ack = in.acks + 1;
		in.bad_byte = b;
	}
	if (++in.acks == in.injected && in.awaiting) {
		in.awaiting = false;
		in.ack_us[in.injected - 1] = t - in.sent;
		if (in.injected < in.count)
			in.next = t + in.gap_us[in.injected];
	}
}

/* The acks that came; false once L2's QEMU closed the channel. */
static bool read_acks(unsigned long long t)
{
	unsigned char buf[256];
	ssize_t got;

	if (in.ack_fd < 0)
		return false;
	while ((got = read(in.ack_fd, buf, sizeof(buf))) != 0) {
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0 && errno == EAGAIN)
			return true;
		if (got < 0)
			break;
		for (ssize_t i = 0; i < got; i++)
			ack(buf[i], t);
	}
	close(in.ack_fd);
	in.ack_fd = -1;
	return false;
}

/* Whether more NMIs are to come. */
static bool injecting(void)
{
	return in.ack_fd >= 0 && !*in.why && !in.lost &&
	       in.acks <= in.injected && in.injected < in.count + in.awaiting;
}

/* One step at time t: an ack's timeout, or the next NMI; when next. */
static void step(unsigned long long t)
{
	if (in.acks > in.injected) {
		/* A handler run for no NMI of ours: acks count nothing now. */
		in.awaiting = false;
		return;
	}
	if (in.awaiting) {
		if (t - in.sent >= in.timeout_us) {
			in.lost = true;		/* no NMI after it: see above */
			in.awaiting = false;
		}
		return;
	}
	if (t < in.next || !injecting())
		return;
	in.sent = t;
#ifndef EB_PLANT_NMI_NOT_SENT
	if (!qmp_execute("inject-nmi"))
		return;
#else
	/* planted: logged as injected, never sent (as an NMI of L1's would
	 * never reach L2); fault.nested_faults expects lost-nmis */
#endif
	in.at_us[in.injected] = t - in.hello;
	in.line[in.injected] = in.lines;
	in.injected++;
	in.awaiting = true;
}

/* L2's output on to the outer debug console; false at its end. */
static bool relay(void)
{
	char buf[4096];
	ssize_t r = read(in.l2out, buf, sizeof(buf));

	if (r < 0 && errno == EINTR)
		return true;
	if (r < 0)
		fail("reading L2's QEMU: %s", strerror(errno));
	to_debugcon(buf, r);
	in.bytes += r;
	for (ssize_t i = 0; i < r; i++)
		in.lines += buf[i] == '\n';
	return r > 0;
}

/* How long poll may wait: until the ack's timeout or the next NMI. */
static int wait_ms(unsigned long long t)
{
	unsigned long long until;

	if (!in.hello || !injecting())
		return -1;
	until = in.awaiting ? in.sent + in.timeout_us : in.next;
	return until <= t ? 0 : (int)((until - t + 999) / 1000);
}

/* Relays L2's output and injects, until L2's QEMU closes its stdout. */
static void inject_loop(void)
{
	for (;;) {
		unsigned long long t = now_us();
		struct pollfd p[2] = {
			{ .fd = in.l2out, .events = POLLIN },
			{ .fd = in.ack_fd, .events = POLLIN },
		};
		if (poll(p, 2, wait_ms(t)) < 0 && errno != EINTR)
			fail("poll: %s", strerror(errno));
		if ((p[0].revents & (POLLIN | POLLHUP)) && !relay())
			return;
		t = now_us();
		if (!in.hello && in.lines && !start_injecting(t))
			in.hello = t;	/* in.why says why nothing is injected */
		read_acks(t);
		if (in.hello)
			step(t);
	}
}

/* L1's records, then L2's exit code passed on (l1_proto_done). */
static void emit_log(void)
{
	rec_begin("hello");
	rec_u64("proto", EB_PROTO_VERSION);
	rec_str("mode", "x86_64");
	rec_str("boot", "pvh");
	rec_u64("k", 1);
	rec_u64("batches", 0);
	rec_u64("warmup", 0);
	rec_end();
	for (unsigned i = 0; i < in.injected; i++) {
		rec_begin("l1nmi");
		rec_u64("i", i);
		rec_u64("at_us", in.at_us[i]);
		rec_u64("line", in.line[i]);
		if (in.ack_us[i] != ~0ull)
			rec_u64("ack_us", in.ack_us[i]);
		rec_end();
	}
	rec_begin("l1inject");
	rec_u64("injected", in.injected);
	rec_u64("acks", in.acks);
	rec_u64("lost", in.lost);
	rec_u64("bad_ack", in.bad_ack);
	rec_u64("bad_byte", in.bad_byte);
	if (*in.why)
		rec_quoted("why", in.why);
	rec_end();
}

static void pass_l2_code(int code)
{
	(void)code;
	l2_ended(in.status, in.bytes);
}

void inject_run(char *const argv[])
{
	pid_t pid;

	read_plan();
	/* iopl, not ioperm: the log's port is above 0x3ff */
	if (iopl(3) < 0)
		fail("iopl: %s", strerror(errno));
	in.ack_fd = in.qmp_fd = -1;
	in.listen_fd = ack_listen();
	in.l2out = start_l2(argv, &pid, -1);
	inject_loop();
	while (waitpid(pid, &in.status, 0) < 0)
		if (errno != EINTR)
			fail("waitpid: %s", strerror(errno));
	read_acks(now_us());	/* L2's QEMU is gone: its last acks are there */
	if (in.awaiting)
		in.lost = true;
	l1_proto_port = EB_NESTED_PORT_NMI_LOG;
	l1_proto_done = pass_l2_code;
	emit_log();
	proto_finish("pass", EB_EXIT_PASS, NULL);
	l2_ended(in.status, in.bytes);	/* not reached */
}
