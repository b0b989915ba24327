/* SPDX-License-Identifier: MIT */
/*
 * Streaming parser for the guest -> host protocol (include/entrybench/
 * protocol.h).  Feed it the guest's bytes in chunks of any size; it keeps
 * what it parsed so far and, on the first violation, a precise error.
 * Memory is bounded by EB_PROTO_OUTPUT_CAP whatever the guest prints.
 */
#ifndef EB_PROTO_H
#define EB_PROTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <entrybench/protocol.h>

/* Far above any real trial (a few KiB); a guest printing more is broken. */
#define EB_PROTO_OUTPUT_CAP	(4u << 20)

/*
 * A kernel carries a handful of variants.  The cap bounds memory (each
 * variant may own EB_MAX_BATCHES batches) and the host's selection tables;
 * names are short words because they travel back on the kernel command
 * line, comma-separated.
 */
#define EB_PROTO_MAX_VARIANTS	256
#define EB_PROTO_MAX_NAME	63

struct eb_batch {
	uint64_t overhead;
	uint64_t ticks;
};

struct eb_variant {
	char *name;
	unsigned cpl;
	char *models;
	char *source;
	char *family;			/* "nmi", "syscall", ...; NULL if none came */
	char *peer;			/* Linux guest: the bench-kernel variant
					   modelling this probe; NULL if none */
	char *torture;			/* "upcall": a design of that torture;
					   NULL if none came */
	char *skip_reason;		/* NULL unless a `skip` record came */
	bool checked;			/* a `check` record came ... */
	bool check_pass;		/* ... with status=pass */
	char *check_detail;		/* NULL if the check had no detail */
	struct eb_batch *batches;	/* batch i at index i */
	size_t nbatches;
	bool timed;			/* its `timed` record came, after ... */
	uint64_t span;			/* ... the whole timing job took this */
};

/* One design's verdict from an in-guest torture (eb.torture=). */
struct eb_torture {
	char *name;			/* a declared variant of family nmi, or
					   one that says torture=<kind> */
	char kind[8];			/* nmi | upcall */
	char expect[8];			/* safe | unsafe: what the design claims */
	char status[16];		/* nmi: safe | lost-nmis | corrupted-frame |
					   corrupted-cr2 | crashed; upcall: safe |
					   lost-events | wrong-result | corrupted-
					   frame | flag-lost | bad-schedule |
					   crashed */
	uint64_t sent, handled;		/* NMIs (events) over all its scenarios */
	char *scenarios;		/* "bp=safe pf=safe ... sweep-bp=..." */
	char *first, *detail;		/* worst scenario and why; NULL if safe */
	char *moved;			/* what differs from the design's pins;
					   NULL if nothing does */
	bool has_points;		/* points and covered came */
	uint64_t points, covered;	/* instruction-and-context points that
					   exist, and those an NMI landed on */
};

/* Tier nested, a counting boot: what L1 counted over one L2 run. */
struct eb_l2count {
	char *event;
	bool has_value;			/* else why says why not */
	uint64_t value;
	char *why;
};

struct eb_l2run {
	uint64_t status;		/* L2's QEMU's exit status, 128+N: signal N */
	uint64_t bytes;			/* L2's debug console output */
	struct eb_l2count *counts;	/* in record order */
	size_t ncounts;
};

/* Tier nested under --inject-nmi: one NMI L1's /init injected into L2. */
struct eb_l1nmi {
	uint64_t at_us;			/* after L2's first line */
	uint64_t line;			/* L2's lines relayed by then */
	bool has_ack;			/* else no ack within the timeout */
	uint64_t ack_us;		/* its ack's latency */
};

struct eb_trial {
	bool has_hello;
	char mode[16];			/* x86_64 | i386 */
	char boot[16];			/* pvh | multiboot | bzimage */
	unsigned k, batches, warmup;
	char *kernel;			/* Linux guest: its release; else NULL */

	bool has_cpu;
	char *cpu_vendor;
	unsigned cpu_family, cpu_model, cpu_stepping;

	bool has_calib;
	uint64_t calib_iters, calib_ticks;

	struct eb_variant *variants;	/* declaration order */
	size_t nvariants;

	struct eb_torture *tortures;	/* in record order */
	size_t ntortures;

	struct eb_l2run *l2runs;	/* a nested counting boot's runs, by i */
	size_t nl2runs;

	struct eb_l1nmi *l1nmis;	/* L1's injection log, by i */
	size_t nl1nmis;
	bool has_l1inject;		/* its summary (l1inject) came */
	uint64_t l1_injected, l1_acks, l1_bad_ack, l1_bad_byte;
	bool l1_lost;
	char *l1_why;			/* why injection stopped; NULL: it did not */

	bool has_nmi;			/* NMI-injection mode (eb.nmi=) */
	char *nmi_name;			/* the design that handled every NMI */
	uint64_t nmi_expect, nmi_handled, nmi_during;

	unsigned long nlines;		/* complete valid lines so far */
	unsigned long bytes;		/* output bytes fed, valid or not */

	bool has_panic;
	uint64_t panic_vector, panic_error, panic_rip, panic_cs, panic_rsp,
		 panic_cr2;
	char *panic_what;

	bool has_end;
	char end_status[8];		/* pass | fail | crash | usage */
	char *end_reason;		/* the guest's why, unless pass; may be NULL */

	char error[160];		/* "" while the stream is valid */
	bool truncated;			/* error is only that the output stopped
					   early (no `end`): the lines before
					   it are sound */
	char last_line[EB_PROTO_MAX_LINE];	/* last complete line, printable */
};

struct eb_proto;

struct eb_proto *eb_proto_new(void);
void eb_proto_free(struct eb_proto *p);

/* Returns false once the output cap is exceeded: stop reading the guest. */
bool eb_proto_feed(struct eb_proto *p, const void *buf, size_t len);

/* End of stream: reports truncation if `end` never came. */
void eb_proto_finish(struct eb_proto *p);

const struct eb_trial *eb_proto_trial(const struct eb_proto *p);
const struct eb_variant *eb_trial_variant(const struct eb_trial *t,
					  const char *name);
const struct eb_torture *eb_trial_torture(const struct eb_trial *t,
					  const char *name);

/* Are v's records complete: skipped, failed its check, or timed? */
bool eb_variant_complete(const struct eb_variant *v);

#endif
