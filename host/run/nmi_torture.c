/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "results/results.h"
#include "run/nmi_torture.h"

/* "kind" only for a torture other than the NMI one (results/SCHEMA.md) */
static json_t *torture_json(const struct eb_torture *r)
{
	json_t *j = json_pack("{s:s, s:s, s:I, s:I, s:s, s:s?, s:s?, s:s*, s:s?}",
			      "expect", r->expect, "status", r->status,
			      "sent", (json_int_t)r->sent,
			      "handled", (json_int_t)r->handled,
			      "scenarios", r->scenarios, "first", r->first,
			      "detail", r->detail,
			      "kind", strcmp(r->kind, EB_FAMILY_NMI) ? r->kind : NULL,
			      "moved", r->moved);
	if (r->has_points) {
		json_object_set_new(j, "points", json_integer((json_int_t)r->points));
		json_object_set_new(j, "covered", json_integer((json_int_t)r->covered));
	}
	return j;
}

static void fold_design(json_t *variant, int boot, const struct eb_trial *t,
			const char *name)
{
	const struct eb_torture *r = eb_trial_torture(t, name);
	char why[1024];

	if (!r) {
		eb_results_add_trial(variant, boot, "error",
				     "the guest sent no torture record for this design",
				     NAN, t, NULL);
		return;
	}
	/* An unsafe design agrees only if it fails exactly where it is pinned to */
	bool agrees = (strcmp(r->status, "safe") == 0) ==
		      (strcmp(r->expect, "safe") == 0) && !r->moved;
	int n = snprintf(why, sizeof(why), "claims %s, torture says %s",
			 r->expect, r->status);
	if (r->moved && n > 0 && (size_t)n < sizeof(why))
		n += snprintf(why + n, sizeof(why) - n, "; moved from its pins: %s",
			      r->moved);
	if (r->first && n > 0 && (size_t)n < sizeof(why))
		snprintf(why + n, sizeof(why) - n, "; first in %s: %s", r->first,
			 r->detail ? r->detail : "(no detail)");
	eb_results_add_trial(variant, boot, agrees ? "pass" : "fail", why, NAN,
			     t, NULL);
	json_t *trials = json_object_get(variant, "trials");
	json_object_set_new(json_array_get(trials, json_array_size(trials) - 1),
			    "torture", torture_json(r));
}

void eb_torture_fold(json_t *res, const char *mode, int boot,
		     const struct eb_boot *b, const char *const *names, size_t n)
{
	const struct eb_trial *t = eb_proto_trial(b->proto);
	enum eb_verdict v = b->outcome.verdict;
	/* The guest ends with status=fail when a verdict contradicts a claim. */
	bool judged = v == EB_V_PASS || v == EB_V_CHECK_FAILED;

	for (size_t i = 0; i < n; i++) {
		json_t *variant = eb_results_variant(res, names[i], mode);
		if (judged)
			fold_design(variant, boot, t, names[i]);
		else
			eb_results_add_trial(variant, boot, eb_verdict_name(v),
					     b->outcome.why, NAN, t, NULL);
	}
}

/*
 * The verdict of a boot under injected NMIs, the first rule that applies:
 *   crashed    guest panic, triple fault or timeout;
 *   error      QEMU or the protocol failed, the guest sent no `nmi` record
 *              for this design and plan, or injection stopped for a reason
 *              of the host's (QMP, the ack channel);
 *   corrupted  a variant's check failed, more acks than injections (a
 *              handler run for no NMI of ours), an ack out of sequence, or
 *              more handler runs counted than injections;
 *   lost-nmis  an NMI had no ack within the bound (injection stops there),
 *              or the guest counted fewer runs than injections;
 *   safe       planned == injected == acks == handled.
 */
static const char *nmi_verdict(const struct eb_boot *b, const char *design,
			       const struct eb_nmi_plan *plan,
			       const struct eb_nmi_log *log, char *why,
			       size_t size)
{
	const struct eb_trial *t = eb_proto_trial(b->proto);
	enum eb_verdict v = b->outcome.verdict;

	*why = '\0';
	if (v == EB_V_CRASH || v == EB_V_TIMEOUT) {
		snprintf(why, size, "%s", b->outcome.why);
		return "crashed";
	}
	if (v != EB_V_PASS && v != EB_V_CHECK_FAILED) {
		snprintf(why, size, "%s", b->outcome.why);
		return "error";
	}
	if (!t->has_nmi || strcmp(t->nmi_name, design) != 0 ||
	    t->nmi_expect != plan->count) {
		snprintf(why, size, "the guest did not report %u NMIs for %s "
			 "(no or another nmi record)", plan->count, design);
		return "error";
	}
	if (*log->error) {
		snprintf(why, size, "the host injected only %u of %u NMIs: %s",
			 log->injected, plan->count, log->error);
		return "error";
	}
	if (v == EB_V_CHECK_FAILED) {
		snprintf(why, size, "a variant's check failed under injected "
			 "NMIs (see the variants)");
		return "corrupted";
	}
	if (log->acks > log->injected) {
		snprintf(why, size, "%u acks for %u NMIs: the handler ran for "
			 "an NMI nobody sent", log->acks, log->injected);
		return "corrupted";
	}
	if (log->bad_ack) {
		snprintf(why, size, "ack %u carried %u, not its number's low "
			 "byte: the guest's count skipped", log->bad_ack,
			 log->bad_byte);
		return "corrupted";
	}
	if (t->nmi_handled > log->injected) {
		snprintf(why, size, "the handler ran %llu times for %u NMIs",
			 (unsigned long long)t->nmi_handled, log->injected);
		return "corrupted";
	}
	if (log->lost) {
		snprintf(why, size, "NMI %u of %u had no ack within %.0f ms "
			 "(%u acks; the guest counted %llu)", log->injected,
			 plan->count, plan->ack_timeout_ms, log->acks,
			 (unsigned long long)t->nmi_handled);
		return "lost-nmis";
	}
	if (log->injected < plan->count) {
		snprintf(why, size, "the host injected only %u of %u NMIs "
			 "(the boot ended first)", log->injected, plan->count);
		return "error";
	}
	if (t->nmi_handled < log->injected) {
		snprintf(why, size, "%u NMIs injected and acknowledged, %llu "
			 "counted", log->injected,
			 (unsigned long long)t->nmi_handled);
		return "lost-nmis";
	}
	return "safe";
}

const char *eb_nmi_fold(json_t *res, int boot, const struct eb_boot *b,
			const char *design, const struct eb_nmi_plan *plan,
			const struct eb_nmi_log *log)
{
	const struct eb_trial *t = eb_proto_trial(b->proto);
	char why[EB_PROTO_MAX_LINE + 512];
	const char *verdict = nmi_verdict(b, design, plan, log, why, sizeof(why));
	json_t *at = json_array(), *ack = json_array(), *line = json_array();

	for (unsigned i = 0; i < log->injected; i++) {
		json_array_append_new(at, json_real(log->at_ms[i]));
		json_array_append_new(ack, isnan(log->ack_ms[i]) ? json_null() :
				      json_real(log->ack_ms[i]));
		json_array_append_new(line, json_integer(log->line[i]));
	}
	json_t *list = json_object_get(res, "nmi_injection");
	if (!list) {
		list = json_array();
		json_object_set_new(res, "nmi_injection", list);
	}
	json_array_append_new(list, json_pack(
		"{s:i, s:s, s:I, s:i, s:i, s:i, s:o, s:o, s:f, s:s, s:s?, "
		"s:o, s:o, s:o}",
		"boot", boot, "design", design, "seed", (json_int_t)plan->seed,
		"planned", (int)plan->count, "injected", (int)log->injected,
		"acks", (int)log->acks,
		"handled", t->has_nmi ? json_integer(t->nmi_handled) : json_null(),
		"during", t->has_nmi ? json_integer(t->nmi_during) : json_null(),
		"ack_timeout_ms", plan->ack_timeout_ms,
		"verdict", verdict, "detail", *why ? why : NULL,
		"at_ms", at, "ack_ms", ack, "lines", line));
	return verdict;
}

static const char *str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "-";
}

/* The torture object of v's first trial if it is of torture `kind`, else NULL */
static json_t *first_torture(const json_t *v, const char *kind)
{
	json_t *x = json_object_get(json_array_get(json_object_get(v, "trials"), 0),
				    "torture");
	const char *k = json_string_value(json_object_get(x, "kind"));

	return json_is_object(x) && strcmp(k ? k : EB_FAMILY_NMI, kind) == 0 ? x : NULL;
}

/* A design's rows: one verdict if every trial agrees, else "varies". */
static int kind_table(FILE *f, const json_t *res, const char *kind, const char *title,
		      const char *counts_name, int w)
{
	size_t i, j;
	json_t *v, *t;
	int bad = 0;
	bool header = false;

	json_array_foreach(json_object_get(res, "variants"), i, v) {
		json_t *trials = json_object_get(v, "trials");
		json_t *first = first_torture(v, kind);
		if (!first)
			continue;
		if (!header) {
			fprintf(f, "\n%s\n%-*s %-7s %-16s %-8s %13s %-11s %-*s %s\n",
				title, w, "design", "claim", "verdict", "agrees",
				counts_name, "points", w - 8, "first", "trials");
			header = true;
		}
		bool same = true;
		json_array_foreach(trials, j, t) {
			json_t *x = json_object_get(t, "torture");
			same &= json_is_object(x) &&
				strcmp(str(x, "status"), str(first, "status")) == 0 &&
				json_equal(json_object_get(x, "scenarios"),
					   json_object_get(first, "scenarios"));
		}
		const char *status = str(v, "status");
		bool ok = strcmp(status, "pass") == 0 && same;
		char counts[48], points[48] = "-";
		snprintf(counts, sizeof(counts), "%lld/%lld",
			 (long long)json_integer_value(json_object_get(first, "sent")),
			 (long long)json_integer_value(json_object_get(first, "handled")));
		if (json_is_integer(json_object_get(first, "points")))
			snprintf(points, sizeof(points), "%lld/%lld",
				 (long long)json_integer_value(json_object_get(first, "covered")),
				 (long long)json_integer_value(json_object_get(first, "points")));
		fprintf(f, "%-*s %-7s %-16s %-8s %13s %-11s %-*s %zu%s\n",
			w, str(v, "name"), str(first, "expect"),
			same ? str(first, "status") : "varies",
			strcmp(status, "pass") == 0 ? "yes" :
			strcmp(status, "fail") == 0 ? "NO" : status,
			counts, points, w - 8, str(first, "first"), json_array_size(trials),
			same ? "" : " (verdicts differ between trials)");
		bad += !ok;
	}
	json_array_foreach(json_object_get(res, "variants"), i, v) {
		if (!first_torture(v, kind))
			continue;
		fprintf(f, "  %s: %s\n", str(v, "name"), str(v, "check_detail"));
		json_array_foreach(json_object_get(v, "trials"), j, t)
			if (j == 0 || strcmp(str(t, "status"), "pass") != 0)
				fprintf(f, "    trial %zu: %s\n", j, str(json_object_get(
					t, "torture"), "scenarios"));
	}
	return bad;
}

int eb_torture_table(FILE *f, const json_t *res)
{
	return kind_table(f, res, EB_FAMILY_NMI,
			  "NMI nesting torture (in-guest, deterministic)", "sent/handled", 18) +
	       kind_table(f, res, EB_TORTURE_UPCALL,
			  "Event upcall torture (in-guest, deterministic)", "events/handled", 27);
}

/* An integer or null as text */
static const char *num(const json_t *j, char *buf, size_t size)
{
	if (!json_is_integer(j))
		return "-";
	snprintf(buf, size, "%lld", (long long)json_integer_value(j));
	return buf;
}

/* The largest ack latency of a boot, "-" if none came. */
static const char *ack_max(const json_t *t, char *buf, size_t size)
{
	double max = -1;
	size_t i;
	json_t *j;

	json_array_foreach(json_object_get(t, "ack_ms"), i, j)
		if (json_is_number(j) && json_number_value(j) > max)
			max = json_number_value(j);
	if (max < 0)
		return "-";
	snprintf(buf, size, "%.2f", max);
	return buf;
}

int eb_nmi_table(FILE *f, const json_t *res)
{
	json_t *list = json_object_get(res, "nmi_injection"), *t;
	size_t i;
	int bad = 0;

	if (!json_array_size(list))
		return 0;
	json_t *tier = json_object_get(json_object_get(res, "environment"), "tier");
	bool nested = json_is_string(tier) && strcmp(json_string_value(tier), "nested") == 0;
	fprintf(f, "\n%s\n", nested ?
		"NMIs injected into L2 by L1's /init (QMP inject-nmi of L2's QEMU, "
		"each after L2 acknowledged the one before; times in L1's clock)" :
		"host-injected NMIs (QMP inject-nmi, each after the guest "
		"acknowledged the one before)");
	fprintf(f, "%-5s %-18s %-12s %8s %6s %8s %7s %10s %-9s %s\n", "trial",
		"design", "seed", "injected", "acks", "handled", "during",
		"ack max ms", "verdict", "detail");
	json_array_foreach(list, i, t) {
		char h[24], d[24], m[32];
		fprintf(f, "%-5lld %-18s %-12lld %8lld %6lld %8s %7s %10s %-9s %s\n",
			(long long)json_integer_value(json_object_get(t, "boot")),
			str(t, "design"),
			(long long)json_integer_value(json_object_get(t, "seed")),
			(long long)json_integer_value(json_object_get(t, "injected")),
			(long long)json_integer_value(json_object_get(t, "acks")),
			num(json_object_get(t, "handled"), h, sizeof(h)),
			num(json_object_get(t, "during"), d, sizeof(d)),
			ack_max(t, m, sizeof(m)), str(t, "verdict"),
			json_is_string(json_object_get(t, "detail")) ?
				str(t, "detail") : "");
		bad += strcmp(str(t, "verdict"), "safe") != 0;
	}
	return bad;
}
