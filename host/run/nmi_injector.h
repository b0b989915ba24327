/* SPDX-License-Identifier: MIT */
#ifndef EB_NMI_INJECTOR_H
#define EB_NMI_INJECTOR_H

#include <stdbool.h>
#include <stddef.h>

#include "run/qemu.h"

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

/*
 * The sockets of the boots with NMIs, in a private directory nobody else
 * can reach, and the QEMU arguments that use them.
 */
struct eb_nmi_chan {
	char dir[4096];
	char qmp[4200], ack[4200];
	char qmp_arg[4300], ack_arg[4300], device[64];
};

/* Creates the directory (in $TMPDIR or /tmp); false with err if it
 * cannot, or if the socket paths would not fit a Unix socket address. */
bool eb_nmi_chan_create(struct eb_nmi_chan *c, char *err, size_t size);
/* Removes the directory (the boots removed their sockets). */
void eb_nmi_chan_remove(const struct eb_nmi_chan *c);

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


#endif
