/* SPDX-License-Identifier: MIT */
/*
 * The guest prints the protocol to port 0xe9; `-debugcon stdio` hands those
 * bytes to our stdout pipe untouched (checked: no CR insertion, nothing
 * else on stdout with -display none and stdin from /dev/null).  QEMU's own
 * complaints go to stderr.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <gsl/gsl_rng.h>

#include "run/qemu.h"
#include "run/qmp.h"

int eb_qemu_argv(const char *argv[EB_QEMU_MAXARGS], const char *qemu,
		 const struct eb_tier *tier, const char *machine,
		 const char *image, const char *cmdline)
{
	int n = 0;

	argv[n++] = qemu;
	argv[n++] = "-M";
	argv[n++] = machine;
	for (const char *const *a = tier->qemu_args; *a; a++)
		argv[n++] = *a;
	static const char *const common[] = {
		"-m", "64", "-nodefaults", "-no-user-config",
		"-display", "none", "-no-reboot",
		"-debugcon", "stdio",
		"-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
		NULL
	};
	for (const char *const *a = common; *a; a++)
		argv[n++] = *a;
	argv[n++] = "-kernel";
	argv[n++] = image;
	argv[n++] = "-append";
	argv[n++] = cmdline;
	argv[n] = NULL;
	return n;
}

/*
 * QEMU's exit status.  isa-debug-exit turns guest code c into (c << 1) | 1;
 * -no-reboot turns a triple fault into a clean exit 0, which no guest
 * verdict can produce.
 */
static const struct {
	enum eb_verdict verdict;
	const char *end;	/* the guest's `end status=` that must agree */
	const char *what;
} exits[] = {
	[EB_QEMU_STATUS(EB_EXIT_PASS)] = { EB_V_PASS, "pass", "guest pass" },
	[EB_QEMU_STATUS(EB_EXIT_CHECK_FAILED)] = { EB_V_CHECK_FAILED, "fail",
						   "check failed" },
	[EB_QEMU_STATUS(EB_EXIT_CRASH)] = { EB_V_CRASH, "crash", "guest crash" },
	[EB_QEMU_STATUS(EB_EXIT_USAGE)] = { EB_V_USAGE, "usage",
					    "guest rejected its command line" },
	[0] = { EB_V_CRASH, NULL, "guest reset (triple fault)" },
};

static const char *const verdict_names[] = {
	[EB_V_PASS] = "pass", [EB_V_CHECK_FAILED] = "fail",
	[EB_V_CRASH] = "crashed", [EB_V_USAGE] = "error",
	[EB_V_TIMEOUT] = "timeout", [EB_V_ERROR] = "error",
	[EB_V_INTERRUPTED] = "interrupted",
};

const char *eb_verdict_name(enum eb_verdict v)
{
	return verdict_names[v];
}

/* The last line of QEMU's stderr, which is where it says what went wrong. */
static const char *last_line(char *err)
{
	size_t n = strlen(err);
	while (n && (err[n - 1] == '\n' || err[n - 1] == '\r'))
		err[--n] = '\0';
	char *nl = strrchr(err, '\n');
	return nl ? nl + 1 : *err ? err : "(no message on stderr)";
}

static void judge(struct eb_boot *b, const char *qemu)
{
	const struct eb_trial *t = eb_proto_trial(b->proto);
	struct eb_outcome *o = &b->outcome;
	int code = b->proc.code;

	switch (b->proc.how) {
	case EB_PROC_NOSPAWN:
		o->verdict = EB_V_ERROR;
		snprintf(o->why, sizeof(o->why), "cannot start QEMU %s: %s",
			 qemu, strerror(code));
		return;
	case EB_PROC_INTERRUPTED:
		o->verdict = EB_V_INTERRUPTED;
		snprintf(o->why, sizeof(o->why), "interrupted by SIG%s",
			 sigabbrev_np(code) ? sigabbrev_np(code) : "?");
		return;
	case EB_PROC_TIMEOUT:
		o->verdict = EB_V_TIMEOUT;
		snprintf(o->why, sizeof(o->why),
			 "timeout after %.0f s (killed); last line: %s",
			 b->proc.seconds, *t->last_line ? t->last_line : "none");
		return;
	case EB_PROC_STOPPED:
		o->verdict = EB_V_ERROR;
		snprintf(o->why, sizeof(o->why), "protocol: %s%s", t->error,
			 strstr(t->error, "stopped reading") ? "" :
			 "; then the output exceeded the cap: QEMU killed");
		return;
	case EB_PROC_SIGNALED:
		o->verdict = EB_V_ERROR;
		snprintf(o->why, sizeof(o->why), "QEMU killed by signal %d: %s; "
			 "last line: %s", code, last_line(b->proc.err),
			 *t->last_line ? t->last_line : "none");
		return;
	case EB_PROC_EXITED:
		break;
	}

	size_t nexits = sizeof(exits) / sizeof(exits[0]);
	if (code != 0 && !t->bytes) {
		/*
		 * Nothing from the guest: QEMU refused its arguments (its own
		 * failure status, 1, is also the guest's "pass").  Exit 0 with
		 * no output stays a reset: a triple fault before the first line.
		 * Not "no complete line": an over-long or empty first line is
		 * the guest's (and a protocol error).
		 */
		o->verdict = EB_V_ERROR;
		snprintf(o->why, sizeof(o->why), "QEMU exited with status %d "
			 "before the guest printed anything: %s (check --qemu, "
			 "--accel and the QEMU version; -v prints the command "
			 "line)", code, last_line(b->proc.err));
		return;
	}
	if (code == 0 && !t->bytes) {
		/*
		 * A reset before the first line, or not a QEMU at all
		 * (--qemu /bin/true): nothing tells the two apart.
		 */
		o->verdict = EB_V_CRASH;
		snprintf(o->why, sizeof(o->why), "QEMU exited with status 0 and "
			 "no guest output: a reset (triple fault) before the "
			 "first line, or %s is not a QEMU", qemu);
		return;
	}
	if (code < 0 || (size_t)code >= nexits || !exits[code].what) {
		o->verdict = EB_V_ERROR;
		snprintf(o->why, sizeof(o->why), "QEMU exited with status %d: %s; "
			 "last line: %s", code, last_line(b->proc.err),
			 t->last_line);
		return;
	}
	o->verdict = exits[code].verdict;
	if (o->verdict == EB_V_CRASH) {
		if (t->has_panic)
			snprintf(o->why, sizeof(o->why),
				 "guest panic: vector %llu error %#llx rip %#llx "
				 "cs %#llx rsp %#llx cr2 %#llx: %s",
				 (unsigned long long)t->panic_vector,
				 (unsigned long long)t->panic_error,
				 (unsigned long long)t->panic_rip,
				 (unsigned long long)t->panic_cs,
				 (unsigned long long)t->panic_rsp,
				 (unsigned long long)t->panic_cr2, t->panic_what);
		else
			snprintf(o->why, sizeof(o->why), "%s; last line: %s",
				 exits[code].what,
				 *t->last_line ? t->last_line : "none");
		return;
	}
	if (t->error[0]) {
		o->verdict = EB_V_ERROR;
		snprintf(o->why, sizeof(o->why), "%s, but protocol: %s",
			 exits[code].what, t->error);
	} else if (strcmp(t->end_status, exits[code].end) != 0) {
		o->verdict = EB_V_ERROR;
		snprintf(o->why, sizeof(o->why),
			 "QEMU says %s but the guest's end says status=%s",
			 exits[code].what, t->end_status);
	} else if (o->verdict == EB_V_USAGE) {
		snprintf(o->why, sizeof(o->why), "%s (a host bug): last line: %s",
			 exits[code].what, t->last_line);
	}
}

static bool feed(void *ctx, const void *buf, size_t len)
{
	return eb_proto_feed(ctx, buf, len);
}

void eb_qemu_boot(const char *const argv[], double timeout_s,
		  struct eb_boot *b)
{
	eb_qemu_boot_timed(argv, timeout_s, NULL, b);
}

void eb_qemu_boot_timed(const char *const argv[], double timeout_s,
			struct eb_timer *timer, struct eb_boot *b)
{
	*b = (struct eb_boot){ .proto = eb_proto_new() };
	eb_spawn_timed(argv, timeout_s, feed, b->proto, timer, &b->proc);
	eb_proto_finish(b->proto);
	judge(b, argv[0]);
}

void eb_nmi_chan_init(struct eb_nmi_chan *c, const char *dir)
{
	snprintf(c->qmp, sizeof(c->qmp), "%s/qmp.sock", dir);
	snprintf(c->ack, sizeof(c->ack), "%s/ack.sock", dir);
}

int eb_qemu_argv_nmi(const char *argv[EB_QEMU_MAXARGS], int n,
		     struct eb_nmi_chan *c)
{
	snprintf(c->qmp_arg, sizeof(c->qmp_arg), "unix:%s,server=on,wait=off",
		 c->qmp);
	snprintf(c->ack_arg, sizeof(c->ack_arg), "socket,id=nmiack,path=%s",
		 c->ack);
	snprintf(c->device, sizeof(c->device),
		 "isa-debugcon,iobase=%#x,chardev=nmiack", EB_PORT_NMI_ACK);
	argv[n++] = "-qmp";
	argv[n++] = c->qmp_arg;
	argv[n++] = "-chardev";
	argv[n++] = c->ack_arg;
	argv[n++] = "-device";
	argv[n++] = c->device;
	argv[n] = NULL;
	return n;
}

void eb_nmi_gaps(const struct eb_nmi_plan *plan, double *gaps)
{
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);

	if (!rng)
		abort();
	gsl_rng_set(rng, plan->seed);
	for (unsigned i = 0; i < plan->count; i++)
		gaps[i] = EB_NMI_GAP_MIN_MS + gsl_rng_uniform(rng) *
			  (plan->gap_max_ms - EB_NMI_GAP_MIN_MS);
	gsl_rng_free(rng);
}

/* QEMU creates its socket before the guest runs; allow it a slow start. */
#define QMP_CONNECT_S	5.0
#define QMP_REPLY_S	2.0
#define HELLO_POLL_S	0.0005

struct injector {
	const char *qmp_path;
	const struct eb_nmi_plan *plan;
	struct eb_nmi_log *log;
	const struct eb_proto *proto;
	struct eb_qmp *qmp;
	int listen_fd;
	struct eb_timer timer;	/* its fd: the ack connection */
	double *gaps;
	double t0;		/* our clock at the start, for the last acks */
	double hello_at;	/* since the start; < 0 until hello came */
	double sent_at;		/* when the unacknowledged NMI was requested */
	double next_at;		/* when to inject the next one */
	bool awaiting;		/* NMI injected-1 has no ack yet */
};

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double stop(struct injector *in, const char *why)
{
	snprintf(in->log->error, sizeof(in->log->error), "%s", why);
	return -1;
}

/*
 * Count the acks that came by t.  Each is one handler run, carrying the low
 * byte of its number; the one we wait for lets the next NMI be planned.
 * Acks beyond the injections are counted too: a handler that ran for no
 * NMI of ours.  False once QEMU has closed the channel.
 */
static bool read_acks(struct injector *in, double t)
{
	struct eb_nmi_log *log = in->log;
	unsigned char buf[256];
	ssize_t got;

	if (in->timer.fd < 0)
		return false;
	while ((got = read(in->timer.fd, buf, sizeof(buf))) != 0) {
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0 && errno == EAGAIN)
			return true;
		if (got < 0)
			break;
		for (ssize_t i = 0; i < got; i++) {
			if (buf[i] != ((log->acks + 1) & 0xff) && !log->bad_ack) {
				log->bad_ack = log->acks + 1;
				log->bad_byte = buf[i];
			}
			if (++log->acks == log->injected && in->awaiting) {
				in->awaiting = false;
				log->ack_ms[log->injected - 1] = (t - in->sent_at) * 1e3;
				if (log->injected < in->plan->count)
					in->next_at = t + in->gaps[log->injected] / 1e3;
			}
		}
	}
	close(in->timer.fd);
	in->timer.fd = -1;
	return false;
}

/* QEMU connected to us at its start, before the guest ran. */
static bool accept_ack(struct injector *in)
{
	in->timer.fd = accept4(in->listen_fd, NULL, NULL,
			       SOCK_NONBLOCK | SOCK_CLOEXEC);
	close(in->listen_fd);
	in->listen_fd = -1;
	return in->timer.fd >= 0;
}

/* The fn of the eb_timer: one step of connect, wait for hello, inject,
 * wait for the ack. */
static double inject(void *ctx, double t)
{
	struct injector *in = ctx;
	struct eb_nmi_log *log = in->log;
	char why[256];

	if (!in->qmp) {
		bool absent;
		in->qmp = eb_qmp_connect(in->qmp_path, QMP_REPLY_S, &absent, why,
					 sizeof(why));
		if (!in->qmp)
			return absent && t < QMP_CONNECT_S ? t + 0.002 : stop(in, why);
	}
	if (in->hello_at < 0) {
		if (!eb_proto_trial(in->proto)->nlines)
			return t + HELLO_POLL_S;
		if (!accept_ack(in)) {
			snprintf(why, sizeof(why), "QEMU did not connect the NMI "
				 "ack channel: %s", strerror(errno));
			return stop(in, why);
		}
		in->hello_at = t;
		in->next_at = t + in->gaps[0] / 1e3;
	}
	bool open = read_acks(in, t);
	if (log->acks > log->injected) {
		/* A handler run for no NMI of ours: acks count nothing now. */
		in->awaiting = false;
		return -1;
	}
	if (in->awaiting) {
		if (open && t - in->sent_at < in->plan->ack_timeout_ms / 1e3)
			return in->sent_at + in->plan->ack_timeout_ms / 1e3;
		log->lost = true;
		in->awaiting = false;
		return -1;
	}
	if (!open || log->lost || log->injected == in->plan->count)
		return -1;
	if (t < in->next_at)
		return in->next_at;
	in->sent_at = t;
	if (!eb_qmp_execute(in->qmp, "inject-nmi", QMP_REPLY_S, why, sizeof(why)))
		return stop(in, why);
	log->at_ms[log->injected] = (t - in->hello_at) * 1e3;
	log->line[log->injected] = eb_proto_trial(in->proto)->nlines;
	log->injected++;
	in->awaiting = true;
	/* The ack may be there already (QEMU answered after raising LINT1). */
	return t;
}

/* A listening socket at path for QEMU's ack chardev, or -1 with a reason. */
static int ack_listen(const char *path, char *why, size_t size)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	int fd;

	if (strlen(path) >= sizeof(a.sun_path)) {
		snprintf(why, size, "NMI ack socket path too long: %s (set "
			 "TMPDIR to a shorter directory)", path);
		return -1;
	}
	strcpy(a.sun_path, path);
	unlink(path);	/* a stale one from a killed run */
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof(a)) == 0 &&
	    listen(fd, 1) == 0)
		return fd;
	snprintf(why, size, "NMI ack socket %s: %s", path, strerror(errno));
	if (fd >= 0)
		close(fd);
	return -1;
}

void eb_qemu_boot_nmi(const char *const argv[], double timeout_s,
		      const struct eb_nmi_chan *c, const struct eb_nmi_plan *plan,
		      struct eb_nmi_log *log, struct eb_boot *b)
{
	double *gaps = calloc(plan->count + 1, sizeof(*gaps));

	if (!gaps)
		abort();
	eb_nmi_gaps(plan, gaps);
	*log = (struct eb_nmi_log){
		.at_ms = calloc(plan->count + 1, sizeof(*log->at_ms)),
		.ack_ms = calloc(plan->count + 1, sizeof(*log->ack_ms)),
		.line = calloc(plan->count + 1, sizeof(*log->line)),
	};
	if (!log->at_ms || !log->ack_ms || !log->line)
		abort();
	for (unsigned i = 0; i < plan->count; i++)
		log->ack_ms[i] = NAN;
	*b = (struct eb_boot){ .proto = eb_proto_new() };
	unlink(c->qmp);		/* a stale one from a killed run */
	struct injector in = {
		.qmp_path = c->qmp, .plan = plan, .log = log, .proto = b->proto,
		.gaps = gaps, .hello_at = -1, .t0 = now(),
		.timer = { .fn = inject, .ctx = &in, .fd = -1 },
	};
	in.listen_fd = ack_listen(c->ack, log->error, sizeof(log->error));
	if (in.listen_fd < 0) {
		free(gaps);
		eb_proto_finish(b->proto);
		b->outcome.verdict = EB_V_ERROR;
		snprintf(b->outcome.why, sizeof(b->outcome.why), "%s", log->error);
		return;
	}
	eb_spawn_timed(argv, timeout_s, feed, b->proto, &in.timer, &b->proc);
	/* QEMU is gone: what it wrote last is all there. */
	read_acks(&in, now() - in.t0);
	if (in.awaiting)
		log->lost = true;
	if (in.listen_fd >= 0)
		close(in.listen_fd);
	eb_qmp_close(in.qmp);
	unlink(c->qmp);
	unlink(c->ack);
	free(gaps);
	eb_proto_finish(b->proto);
	judge(b, argv[0]);
}

void eb_nmi_log_free(struct eb_nmi_log *log)
{
	free(log->at_ms);
	free(log->ack_ms);
	free(log->line);
}

bool eb_qemu_find(const char *name, char *path, size_t size,
		  char *why, size_t whysize)
{
	char e[256];

	if (eb_find_program(name, path, size, e, sizeof(e)))
		return true;
	snprintf(why, whysize, "QEMU %s; install it with ci/setup.sh "
		 "(Debian package qemu-system-x86) or pass --qemu PATH", e);
	return false;
}
