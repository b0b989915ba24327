/* SPDX-License-Identifier: MIT */
/* One boot of a bench kernel in QEMU: the argument vector and the verdict. */
#ifndef EB_QEMU_H
#define EB_QEMU_H

#include <stdbool.h>
#include <stddef.h>

#include "run/protocol.h"
#include "run/spawn.h"
#include "tiers/tier.h"

#define EB_QEMU_MAXARGS	48

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

/* The same with something to do alongside (run/spawn.h): counters, or
 * the NMI injector (run/nmi_injector.c). */
void eb_qemu_boot_timed(const char *const argv[], double timeout_s,
			struct eb_timer *timer, struct eb_boot *b);

/* Resolve the QEMU binary or explain how to get one. */
bool eb_qemu_find(const char *name, char *path, size_t size,
		  char *why, size_t whysize);

const char *eb_verdict_name(enum eb_verdict v);

#endif
