/* SPDX-License-Identifier: MIT */
/* The nested tier's NMI injection, the host's part: run/nested_inject.h. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "run/nested_inject.h"
#include "run/protocol.h"

bool eb_nested_nmi_write_plan(const struct eb_nested *n, size_t slot,
			      const struct eb_nmi_plan *plan, char *err,
			      size_t size)
{
	const char *path = eb_nested_nmi_plan(n, slot);
	double *gaps = calloc(plan->count + 1, sizeof(*gaps));
	FILE *f = fopen(path, "w");
	bool ok = f != NULL;

	if (!gaps)
		abort();
	eb_nmi_gaps(plan, gaps);
	if (ok)
		ok = fprintf(f, "%.0f", plan->ack_timeout_ms * 1e3) > 0;
	for (unsigned i = 0; ok && i < plan->count; i++)
		ok = fprintf(f, " %.0f", gaps[i] * 1e3) > 0;
	if (f && fclose(f) != 0)
		ok = false;
	if (!ok)
		snprintf(err, size, "cannot write %s: %s", path, strerror(errno));
	unlink(eb_nested_nmi_log(n, slot));
	free(gaps);
	return ok;
}

/* All of L1's log file through the protocol parser. */
static struct eb_proto *parse_log(const char *path)
{
	struct eb_proto *p = eb_proto_new();
	FILE *f = fopen(path, "rb");
	char buf[8192];
	size_t got;

	while (f && (got = fread(buf, 1, sizeof(buf), f)) > 0)
		eb_proto_feed(p, buf, got);
	if (f)
		fclose(f);
	eb_proto_finish(p);
	return p;
}

/* A log with room for plan's NMIs, nothing counted. */
static void log_new(struct eb_nmi_log *log, const struct eb_nmi_plan *plan)
{
	*log = (struct eb_nmi_log){
		.at_ms = calloc(plan->count + 1, sizeof(*log->at_ms)),
		.ack_ms = calloc(plan->count + 1, sizeof(*log->ack_ms)),
		.line = calloc(plan->count + 1, sizeof(*log->line)),
	};
	if (!log->at_ms || !log->ack_ms || !log->line)
		abort();
}

void eb_nested_nmi_read_log(const struct eb_nested *n, size_t slot,
			    const struct eb_nmi_plan *plan, struct eb_nmi_log *log)
{
	struct eb_proto *p = parse_log(eb_nested_nmi_log(n, slot));
	const struct eb_trial *t = eb_proto_trial(p);

	log_new(log, plan);
	if (t->error[0] || !t->has_l1inject || t->l1_injected > plan->count) {
		snprintf(log->error, sizeof(log->error), "L1 gave no injection "
			 "log: %s", t->error[0] ? t->error : "no l1inject record");
		eb_proto_free(p);
		return;
	}
	log->injected = t->l1_injected;
	log->acks = t->l1_acks;
	log->lost = t->l1_lost;
	log->bad_ack = t->l1_bad_ack;
	log->bad_byte = t->l1_bad_byte;
	snprintf(log->error, sizeof(log->error), "%s", t->l1_why ? t->l1_why : "");
	for (size_t i = 0; i < t->nl1nmis; i++) {
		log->at_ms[i] = t->l1nmis[i].at_us / 1e3;
		log->ack_ms[i] = t->l1nmis[i].has_ack ? t->l1nmis[i].ack_us / 1e3 : NAN;
		log->line[i] = t->l1nmis[i].line;
	}
	eb_proto_free(p);
}
