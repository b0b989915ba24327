/* SPDX-License-Identifier: MIT */
/* Counting boots: one variant, twice, with counters on QEMU (run/counting_boots.h). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <entrybench/protocol.h>

#include "counters/perf_events.h"
#include "lib/array.h"
#include "lib/interrupt.h"
#include "results/results.h"
#include "run/counting_boots.h"
#include "run/qemu.h"
#include "stats/summary.h"

/* Every byte the guest writes to the debug console is one OUT: one exit. */
unsigned eb_count_exits_per_byte(const char *event)
{
	return strcmp(event, "kvm:kvm_exit") == 0 ||
	       strcmp(event, "kvm:kvm_pio") == 0;
}

double eb_count_per_trip(uint64_t n1, uint64_t n2, unsigned long bytes1,
			 unsigned long bytes2, unsigned exits_per_byte,
			 unsigned k, unsigned batches)
{
	double extra = (double)n2 - (double)n1 -
		       exits_per_byte * ((double)bytes2 - (double)bytes1);
	return extra / ((double)k * batches);
}

bool eb_countrun_check(const char *const *events, size_t n, char *err,
		       size_t size)
{
	struct eb_counters cs;

	/* Opened on ourselves and closed at once: only the names matter. */
	if (!eb_counters_open(&cs, getpid(), events, n, "", err, size))
		return false;
	eb_counters_close(&cs);
	return true;
}

void eb_countrun_cmdline(char *buf, size_t size, const char *variant,
			 unsigned k, const struct eb_params *params)
{
	snprintf(buf, size, "%s%s %s%u %s%u %s%u", EB_ARG_VARIANTS, variant,
		 EB_ARG_K, k, EB_ARG_BATCHES, params->batches, EB_ARG_WARMUP,
		 params->warmup);
}

void eb_countrun_ks(const struct eb_params *params, unsigned k[2])
{
	k[0] = params->k;
	k[1] = 2 * params->k;
	/* Doubling must stay within what the guest accepts. */
	if (k[1] > EB_MAX_K) {
		k[0] = params->k / 2;
		k[1] = params->k;
	}
}

json_t *eb_countrun_event(const char *name, const uint64_t n[2],
			  const unsigned k[2], const unsigned long bytes[2],
			  unsigned batches)
{
	return json_pack("{s:f, s:[I,I], s:[I,I], s:[I,I]}",
		"per_trip", eb_count_per_trip(n[0], n[1], bytes[0], bytes[1],
			eb_count_exits_per_byte(name), k[0], batches),
		"k", (json_int_t)k[0], (json_int_t)k[1],
		"counts", (json_int_t)n[0], (json_int_t)n[1],
		"protocol_bytes", (json_int_t)bytes[0], (json_int_t)bytes[1]);
}

struct attach {
	const struct eb_countrun *job;
	struct eb_counters cs;
	bool opened;
	char err[256];
};

static void attach(void *ctx, pid_t pid)
{
	struct attach *a = ctx;

	a->opened = eb_counters_open(&a->cs, pid, a->job->events,
				     a->job->nevents, "", a->err, sizeof(a->err));
	/* Outside KVM (TCG) the guest never exits to it: nothing to count. */
	if (a->opened && !a->job->tier->kvm_exits)
		eb_counters_withhold(&a->cs, EB_COUNTERS_TCG_WHY);
}

/* One counting boot; false with why when it did not pass. */
static bool count_boot(const struct eb_countrun *j, const char *variant,
		       unsigned k, struct attach *a, unsigned long *bytes,
		       char *why, size_t size)
{
	const char *argv[EB_QEMU_MAXARGS];
	char cmdline[512];
	struct eb_boot b;

	eb_countrun_cmdline(cmdline, sizeof(cmdline), variant, k, j->params);
	eb_qemu_argv(argv, j->qemu, j->tier, j->machine, j->image, cmdline);
	*a = (struct attach){ .job = j };
	struct eb_timer timer = { .attach = attach, .ctx = a, .fd = -1 };
	eb_qemu_boot_timed(argv, j->timeout_s, &timer, &b);
	*bytes = eb_proto_trial(b.proto)->bytes;
	eb_proto_free(b.proto);
	if (a->opened)
		eb_counters_read(&a->cs);
	if (!a->opened) {
		snprintf(why, size, "%s", a->err);
		return false;
	}
	if (b.outcome.verdict != EB_V_PASS) {
		snprintf(why, size, "the counting boot with k=%u did not pass: %s%s%s",
			 k, eb_verdict_name(b.outcome.verdict),
			 *b.outcome.why ? ": " : "", b.outcome.why);
		return false;
	}
	return true;
}

json_t *eb_countrun_variant(const struct eb_countrun *j, const char *variant)
{
	unsigned k[2];
	unsigned long bytes[2] = { 0, 0 };
	struct attach a[2] = { 0 };
	char why[EB_PROTO_MAX_LINE + 600] = "";
	json_t *o = json_object();

	eb_countrun_ks(j->params, k);
	bool ok = count_boot(j, variant, k[0], &a[0], &bytes[0], why, sizeof(why)) &&
		  count_boot(j, variant, k[1], &a[1], &bytes[1], why, sizeof(why));
	for (size_t e = 0; e < j->nevents; e++) {
		const struct eb_counter *c0 = &a[0].cs.c[e], *c1 = &a[1].cs.c[e];
		const char *name = j->events[e];

		if (!ok)
			json_object_set_new(o, name, json_pack("{s:s}", "unavailable", why));
		else if (!c0->has_value || !c1->has_value)
			json_object_set_new(o, name, json_pack("{s:s}", "unavailable",
				!c0->has_value ? c0->why : c1->why));
		else
			json_object_set_new(o, name, eb_countrun_event(name,
				(uint64_t[2]){ c0->value, c1->value }, k, bytes,
				j->params->batches));
	}
	for (int i = 0; i < 2; i++)
		if (a[i].opened)
			eb_counters_close(&a[i].cs);
	return o;
}

json_t *eb_countrun_trial(json_t *res, const char *name, const char *mode, int boot)
{
	json_t *v = eb_results_variant(res, name, mode), *t;
	size_t i;

	json_array_foreach(json_object_get(v, "trials"), i, t)
		if (json_integer_value(json_object_get(t, "boot")) == boot)
			return t;
	return NULL;
}

void eb_countrun_fold(json_t *res, const char *mode, int boot,
		      const struct eb_countrun *j, const char *const *names,
		      size_t n)
{
	for (size_t i = 0; i < n && !eb_interrupted(); i++) {
		json_t *t = eb_countrun_trial(res, names[i], mode, boot);
		const char *status = json_string_value(json_object_get(t, "status"));

		/* A variant that failed or was skipped has nothing to count. */
		if (!status || strcmp(status, "pass") != 0)
			continue;
		json_t *c = eb_countrun_variant(j, names[i]);
		if (eb_interrupted()) {
			json_decref(c);	/* a boot cut short counted nothing */
			break;
		}
		fprintf(stderr, "  counters %s %s: %zu events\n", mode, names[i],
			json_object_size(c));
		json_object_set_new(t, "counters", c);
	}
}

/* The median per_trip of event over v's trials, or the first reason none. */
static bool event_median(const json_t *v, const char *event, double *median,
			 const char **why)
{
	json_t *trials = json_object_get(v, "trials"), *t;
	double x[json_array_size(trials) + 1];
	size_t i, n = 0;

	*why = NULL;
	json_array_foreach(trials, i, t) {
		json_t *c = json_object_get(json_object_get(t, "counters"), event);
		json_t *p = json_object_get(c, "per_trip");
		if (json_is_number(p))
			x[n++] = json_number_value(p);
		else if (!*why)
			*why = json_string_value(json_object_get(c, "unavailable"));
	}
	if (n)
		*median = eb_stats(x, n).median;
	return n > 0;
}

int eb_counters_table(FILE *f, const json_t *res)
{
	json_t *events = json_object_get(json_object_get(res, "parameters"),
					 "counters"), *e, *v;
	const char *notes[EB_COUNTERS_MAX * 2];
	size_t nnotes = 0, i, j;

	if (!json_array_size(events))
		return 0;
	fprintf(f, "\nhost-side counters per round trip (variant booted alone "
		"with k and 2k round trips; median over trials)\n%-24s %-7s",
		"variant", "mode");
	json_array_foreach(events, j, e)
		fprintf(f, " %16s", json_string_value(e));
	fputc('\n', f);
	json_array_foreach(json_object_get(res, "variants"), i, v) {
		fprintf(f, "%-24s %-7s",
			json_string_value(json_object_get(v, "name")),
			json_string_value(json_object_get(v, "mode")));
		json_array_foreach(events, j, e) {
			const char *why;
			double m;
			if (event_median(v, json_string_value(e), &m, &why)) {
				fprintf(f, " %16.2f", m);
				continue;
			}
			if (!why) {	/* skipped, failed: nothing was counted */
				fprintf(f, " %16s", "-");
				continue;
			}
			size_t k;
			for (k = 0; k < nnotes && strcmp(notes[k], why) != 0; k++)
				;
			if (k == nnotes && nnotes < N_OF(notes))
				notes[nnotes++] = why;
			char cell[48];
			snprintf(cell, sizeof(cell), "unavailable [%zu]", k + 1);
			fprintf(f, " %16s", cell);
		}
		fputc('\n', f);
	}
	for (size_t k = 0; k < nnotes; k++)
		fprintf(f, "[%zu] %s\n", k + 1, notes[k]);
	return 0;
}
