/* SPDX-License-Identifier: MIT */
/* One boot of a bench kernel in QEMU: the argument vector and the verdict. */
#ifndef EB_QEMU_H
#define EB_QEMU_H

#include <stdbool.h>
#include <stddef.h>

#include "proto.h"
#include "child.h"
#include "tier.h"

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

/*
 * Host-injected NMIs (run --inject-nmi): QEMU gets a QMP socket and, once
 * the guest's `hello` has come (it installs its NMI entry before), count
 * `inject-nmi` commands follow, the gaps between them uniform in
 * [EB_NMI_GAP_MIN_MS, gap_max_ms] from a GSL MT19937 stream seeded with
 * seed: the plan is reproducible, where the NMIs land is not (wall-clock
 * timing).
 *
 * QEMU, like the CPU, latches one NMI: a second one injected before the
 * first was taken merges with it.  A handler runs for microseconds, so
 * with a millisecond between injections a merge means the guest kept NMIs
 * blocked (or did not run) that long, and it counts as a lost NMI.
 * (Back-to-back injections, 0.2 ms apart, do merge under TCG: measured.)
 */
#define EB_NMI_GAP_MIN_MS	1.0
struct eb_nmi_plan {
	unsigned count;
	double gap_max_ms;
	unsigned long seed;
};

struct eb_nmi_log {
	unsigned injected;	/* inject-nmi commands QEMU acknowledged */
	double *at_ms;		/* [count]: each request, ms after hello came */
	unsigned long *line;	/* [count]: protocol lines seen at its ack */
	char error[256];	/* why injection stopped short; "" if it did not */
};

/* The gaps, in ms, of plan: gaps[0..plan->count) */
void eb_nmi_gaps(const struct eb_nmi_plan *plan, double *gaps);

/* Appends -qmp unix:<qmp_path>,server=on,wait=off to argv (n elements);
 * buf holds the argument.  Returns the new count. */
int eb_qemu_argv_qmp(const char *argv[EB_QEMU_MAXARGS], int n,
		     const char *qmp_path, char *buf, size_t size);

/* eb_qemu_boot() injecting NMIs through the socket at qmp_path; free the
 * log with eb_nmi_log_free(). */
void eb_qemu_boot_nmi(const char *const argv[], double timeout_s,
		      const char *qmp_path, const struct eb_nmi_plan *plan,
		      struct eb_nmi_log *log, struct eb_boot *b);
void eb_nmi_log_free(struct eb_nmi_log *log);

/* Resolve the QEMU binary or explain how to get one. */
bool eb_qemu_find(const char *name, char *path, size_t size,
		  char *why, size_t whysize);

const char *eb_verdict_name(enum eb_verdict v);

#endif
