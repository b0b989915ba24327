/* SPDX-License-Identifier: MIT */
/* One boot of a bench kernel in QEMU: the argument vector and the verdict. */
#ifndef EB_QEMU_H
#define EB_QEMU_H

#include <stdbool.h>
#include <stddef.h>

#include "run/protocol.h"
#include "run/spawn.h"
#include "tiers/tier.h"

#define EB_QEMU_MAXARGS	40

/* Fills argv (NULL-terminated, pointers into the arguments and static
 * strings) and returns the number of elements. */
int eb_qemu_argv(const char *argv[EB_QEMU_MAXARGS], const char *qemu,
		 const struct eb_tier *tier, const char *machine,
		 const char *image, const char *cmdline);

/* What a boot came to, from QEMU's exit and the guest's own `end`. */
enum eb_verdict {
	EB_V_PASS,		/* guest: every check passed */
	EB_V_CHECK_FAILED,	/* guest: a check failed */
	EB_V_CRASH,		/* guest panic or triple fault */
	EB_V_USAGE,		/* guest rejected its command line */
	EB_V_TIMEOUT,
	EB_V_ERROR,		/* QEMU failed, or the protocol is broken */
	EB_V_INTERRUPTED,	/* we were told to stop: not a trial result */
};

struct eb_outcome {
	enum eb_verdict verdict;
	char why[EB_PROTO_MAX_LINE + 512];	/* one line for humans; "" for a clean pass */
};

struct eb_boot {
	struct eb_proc proc;
	struct eb_proto *proto;
	struct eb_outcome outcome;
};

/* Boot argv, parse the guest's output; caller frees b->proto. */
void eb_qemu_boot(const char *const argv[], double timeout_s,
		  struct eb_boot *b);

/* The same with something to do alongside (run/spawn.h), e.g. counters. */
void eb_qemu_boot_timed(const char *const argv[], double timeout_s,
			struct eb_timer *timer, struct eb_boot *b);

/*
 * Host-injected NMIs (run --inject-nmi): QEMU gets a QMP socket and an ack
 * channel, a second debug console at EB_PORT_NMI_ACK that QEMU connects, as
 * a client, to a socket we listen on (so no byte is lost to a connection
 * not yet accepted).  Once the guest's `hello` has come (it installs its
 * NMI entry before), count `inject-nmi` commands follow, each one only
 * after the guest acknowledged the previous one, the gaps (from `hello`,
 * then from each ack) uniform in [EB_NMI_GAP_MIN_MS, gap_max_ms] from a
 * GSL MT19937 stream seeded with seed.
 *
 * Pacing on the ack is what makes the count exact: QEMU, like the CPU,
 * latches one NMI, and a second one raised before the first was taken
 * merges with it.  With wall-clock gaps alone a host busy elsewhere (QEMU's
 * vCPU thread not running for longer than a gap) made correct designs look
 * lossy.  Now an NMI is lost only if its ack does not come within
 * ack_timeout_ms: the guest kept NMIs blocked that long or its handler did
 * not run.  Injection stops there, since a late ack could no longer be told
 * from the next one's.
 */
#define EB_NMI_GAP_MIN_MS	1.0
struct eb_nmi_plan {
	unsigned count;
	double gap_max_ms;
	double ack_timeout_ms;
	unsigned long seed;
};

struct eb_nmi_log {
	unsigned injected;	/* inject-nmi commands QEMU accepted */
	unsigned acks;		/* ack bytes read: the guest's handler runs */
	bool lost;		/* NMI injected-1 had no ack in time */
	unsigned bad_ack;	/* 1 + index of the first ack not carrying the
				   low byte of its number; 0: none */
	unsigned bad_byte;	/* what that ack carried */
	double *at_ms;		/* [count]: each request, ms after hello came */
	double *ack_ms;		/* [count]: its ack's latency; NAN: none in time */
	unsigned long *line;	/* [count]: protocol lines seen at its request */
	char error[256];	/* why injection stopped, other than a lost
				   NMI; "" if it did not */
};

/* The gaps, in ms, of plan: gaps[0..plan->count) */
void eb_nmi_gaps(const struct eb_nmi_plan *plan, double *gaps);

/* The sockets of one boot with NMIs, in a private directory, and the
 * QEMU arguments that use them. */
struct eb_nmi_chan {
	char qmp[4200], ack[4200];
	char qmp_arg[4300], ack_arg[4300], device[64];
};
void eb_nmi_chan_init(struct eb_nmi_chan *c, const char *dir);

/* Appends -qmp, -chardev and -device for c to argv (n elements).  Returns
 * the new count. */
int eb_qemu_argv_nmi(const char *argv[EB_QEMU_MAXARGS], int n,
		     struct eb_nmi_chan *c);

/* eb_qemu_boot() injecting NMIs through c; free the log with
 * eb_nmi_log_free(). */
void eb_qemu_boot_nmi(const char *const argv[], double timeout_s,
		      const struct eb_nmi_chan *c, const struct eb_nmi_plan *plan,
		      struct eb_nmi_log *log, struct eb_boot *b);
void eb_nmi_log_free(struct eb_nmi_log *log);

/* Resolve the QEMU binary or explain how to get one. */
bool eb_qemu_find(const char *name, char *path, size_t size,
		  char *why, size_t whysize);

const char *eb_verdict_name(enum eb_verdict v);

#endif
