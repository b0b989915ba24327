/* SPDX-License-Identifier: MIT */
/*
 * The NMI injector of run --inject-nmi: during one boot, inject-nmi
 * commands through QEMU's QMP socket, each paced on the guest's ack of the
 * one before (nmi_injector.h says why), and the log of what came of them.
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

#include "run/nmi_injector.h"
#include "run/qmp.h"

bool eb_nmi_chan_create(struct eb_nmi_chan *c, char *err, size_t size)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(c->dir, sizeof(c->dir), "%s/entrybench-qmp-XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(c->dir)) {
		snprintf(err, size, "cannot create a directory for the QMP and "
			 "ack sockets (%s): %s; set TMPDIR", c->dir, strerror(errno));
		return false;
	}
	snprintf(c->qmp, sizeof(c->qmp), "%s/qmp.sock", c->dir);
	snprintf(c->ack, sizeof(c->ack), "%s/ack.sock", c->dir);
	/* sun_path: 108 bytes on Linux */
	if (strlen(c->ack) >= sizeof(((struct sockaddr_un *)0)->sun_path)) {
		snprintf(err, size, "socket path %s is too long for a Unix "
			 "socket; set TMPDIR to a shorter directory", c->ack);
		rmdir(c->dir);
		return false;
	}
	return true;
}

void eb_nmi_chan_remove(const struct eb_nmi_chan *c)
{
	rmdir(c->dir);
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
	const struct eb_boot *boot;	/* its proto: lines seen so far */
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
		if (!eb_proto_trial(in->boot->proto)->nlines)
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
	log->line[log->injected] = eb_proto_trial(in->boot->proto)->nlines;
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

/* A log with room for plan's NMIs, none acknowledged yet. */
static void log_new(struct eb_nmi_log *log, const struct eb_nmi_plan *plan)
{
	*log = (struct eb_nmi_log){
		.at_ms = calloc(plan->count + 1, sizeof(*log->at_ms)),
		.ack_ms = calloc(plan->count + 1, sizeof(*log->ack_ms)),
		.line = calloc(plan->count + 1, sizeof(*log->line)),
	};
	if (!log->at_ms || !log->ack_ms || !log->line)
		abort();
	for (unsigned i = 0; i < plan->count; i++)
		log->ack_ms[i] = NAN;
}

/* No boot: the ack socket could not be set up. */
static void no_boot(struct eb_boot *b, const char *why)
{
	*b = (struct eb_boot){ .proto = eb_proto_new() };
	eb_proto_finish(b->proto);
	b->outcome.verdict = EB_V_ERROR;
	snprintf(b->outcome.why, sizeof(b->outcome.why), "%s", why);
}

void eb_qemu_boot_nmi(const char *const argv[], double timeout_s,
		      const struct eb_nmi_chan *c, const struct eb_nmi_plan *plan,
		      struct eb_nmi_log *log, struct eb_boot *b)
{
	double *gaps = calloc(plan->count + 1, sizeof(*gaps));

	if (!gaps)
		abort();
	eb_nmi_gaps(plan, gaps);
	log_new(log, plan);
	unlink(c->qmp);		/* a stale one from a killed run */
	struct injector in = {
		.qmp_path = c->qmp, .plan = plan, .log = log, .boot = b,
		.gaps = gaps, .hello_at = -1, .t0 = now(),
		.timer = { .fn = inject, .ctx = &in, .fd = -1 },
	};
	in.listen_fd = ack_listen(c->ack, log->error, sizeof(log->error));
	if (in.listen_fd < 0) {
		free(gaps);
		no_boot(b, log->error);
		return;
	}
	eb_qemu_boot_timed(argv, timeout_s, &in.timer, b);
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
}

void eb_nmi_log_free(struct eb_nmi_log *log)
{
	free(log->at_ms);
	free(log->ack_ms);
	free(log->line);
}

