/* SPDX-License-Identifier: MIT */
/*
 * The protocol parser.  Bytes are split into lines; each complete line is
 * checked (printable ASCII, EB1 prefix, seq, record type, key=value syntax,
 * keys of that type) and then applied to the trial by the type's handler,
 * which checks what only the type knows (ordering, references, ranges).
 * The first violation is recorded and every later byte is only counted.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "lib/array.h"
#include "run/protocol.h"

struct eb_proto {
	struct eb_trial t;
	char line[EB_PROTO_MAX_LINE];	/* current line, newline included */
	size_t len;
	unsigned long lineno;		/* number of the current line, from 1 */
	uLong crc;			/* CRC-32 of every line before it */
};

enum kind { K_DEC, K_HEX, K_CRC, K_BOOL, K_STR, K_NAME };

struct key {
	const char *name;
	enum kind kind;
	bool required;
	const char *const *oneof;	/* allowed values of a K_STR, or NULL */
};

#define MAX_KEYS 13	/* the longest key table (torture: 12) and its end */

/* One parsed line: values indexed like the type's key table. */
struct rec {
	const struct key *keys;
	const char *str[MAX_KEYS];	/* NULL when the key is absent */
	uint64_t num[MAX_KEYS];
};

struct type {
	const char *name;
	struct key keys[MAX_KEYS];	/* terminated by a NULL name */
	bool (*apply)(struct eb_proto *p, const struct rec *r);
};

static bool fail(struct eb_proto *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Records the first error only; returns false for `return fail(...)`. */
static bool fail(struct eb_proto *p, const char *fmt, ...)
{
	if (p->t.error[0])
		return false;
	int n = snprintf(p->t.error, sizeof(p->t.error), "line %lu: ", p->lineno);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(p->t.error + n, sizeof(p->t.error) - n, fmt, ap);
	va_end(ap);
	return false;
}

static const char *S(const struct rec *r, const char *key)
{
	for (int i = 0; r->keys[i].name; i++)
		if (strcmp(r->keys[i].name, key) == 0)
			return r->str[i];
	abort();	/* a handler asked for a key its table lacks */
}

static uint64_t N(const struct rec *r, const char *key)
{
	for (int i = 0; r->keys[i].name; i++)
		if (strcmp(r->keys[i].name, key) == 0)
			return r->num[i];
	abort();
}

/* strdup that cannot fail silently: the host has no use running on. */
static char *xstrdup(const char *s)
{
	char *d = s ? strdup(s) : NULL;
	if (s && !d)
		abort();
	return d;
}

static struct eb_variant *lookup(struct eb_proto *p, const char *name)
{
	struct eb_variant *v = (struct eb_variant *)eb_trial_variant(&p->t, name);
	if (!v)
		fail(p, "'%s' is not a declared variant", name);
	return v;
}

static bool apply_hello(struct eb_proto *p, const struct rec *r)
{
	if (N(r, "proto") != EB_PROTO_VERSION)
		return fail(p, "hello proto=%" PRIu64 " is not supported (expected %d)",
			    N(r, "proto"), EB_PROTO_VERSION);
	if (N(r, "k") < 1 || N(r, "k") > EB_MAX_K)
		return fail(p, "hello k=%" PRIu64 " out of range 1..%d",
			    N(r, "k"), EB_MAX_K);
	if (N(r, "batches") > EB_MAX_BATCHES)
		return fail(p, "hello batches=%" PRIu64 " exceeds %d",
			    N(r, "batches"), EB_MAX_BATCHES);
	if (N(r, "warmup") > UINT32_MAX)
		return fail(p, "hello warmup=%" PRIu64 " out of range", N(r, "warmup"));
	p->t.has_hello = true;
	snprintf(p->t.mode, sizeof(p->t.mode), "%s", S(r, "mode"));
	snprintf(p->t.boot, sizeof(p->t.boot), "%s", S(r, "boot"));
	p->t.kernel = xstrdup(S(r, "kernel"));
	p->t.k = N(r, "k");
	p->t.batches = N(r, "batches");
	p->t.warmup = N(r, "warmup");
	return true;
}

static bool apply_cpu(struct eb_proto *p, const struct rec *r)
{
	if (p->t.has_cpu)
		return fail(p, "second cpu record");
	p->t.has_cpu = true;
	p->t.cpu_vendor = xstrdup(S(r, "vendor"));
	p->t.cpu_family = N(r, "family");
	p->t.cpu_model = N(r, "model");
	p->t.cpu_stepping = N(r, "stepping");
	return true;
}

static bool apply_calib(struct eb_proto *p, const struct rec *r)
{
	if (p->t.has_calib)
		return fail(p, "second calib record");
	if (N(r, "iters") == 0)
		return fail(p, "calib iters=0");
	p->t.has_calib = true;
	p->t.calib_iters = N(r, "iters");
	p->t.calib_ticks = N(r, "ticks");
	return true;
}

static bool apply_variant(struct eb_proto *p, const struct rec *r)
{
	if (eb_trial_variant(&p->t, S(r, "name")))
		return fail(p, "variant '%s' declared twice", S(r, "name"));
	if (p->t.nvariants == EB_PROTO_MAX_VARIANTS)
		return fail(p, "more than %d variants", EB_PROTO_MAX_VARIANTS);
	if (N(r, "cpl") > 3)
		return fail(p, "variant cpl=%" PRIu64 " is not 0..3", N(r, "cpl"));
	struct eb_variant *v = realloc(p->t.variants,
				       (p->t.nvariants + 1) * sizeof(*v));
	if (!v)
		abort();
	p->t.variants = v;
	v += p->t.nvariants++;
	*v = (struct eb_variant){
		.name = xstrdup(S(r, "name")),
		.cpl = N(r, "cpl"),
		.models = xstrdup(S(r, "models")),
		.source = xstrdup(S(r, "source")),
		.family = xstrdup(S(r, "family")),
		.peer = xstrdup(S(r, "peer")),
		.torture = xstrdup(S(r, "torture")),
	};
	return true;
}

static bool apply_skip(struct eb_proto *p, const struct rec *r)
{
	struct eb_variant *v = lookup(p, S(r, "name"));
	if (!v)
		return false;
	if (v->skip_reason || v->checked || v->nbatches)
		return fail(p, "skip for '%s' after it ran or was skipped", v->name);
	v->skip_reason = xstrdup(S(r, "reason"));
	return true;
}

static bool apply_check(struct eb_proto *p, const struct rec *r)
{
	struct eb_variant *v = lookup(p, S(r, "name"));
	if (!v)
		return false;
	if (v->checked || v->skip_reason)
		return fail(p, "check for '%s' after it was checked or skipped",
			    v->name);
	v->checked = true;
	v->check_pass = strcmp(S(r, "status"), "pass") == 0;
	v->check_detail = xstrdup(S(r, "detail"));
	return true;
}

static bool apply_batch(struct eb_proto *p, const struct rec *r)
{
	struct eb_variant *v = lookup(p, S(r, "name"));
	if (!v)
		return false;
	if (v->skip_reason)
		return fail(p, "batch for skipped variant '%s'", v->name);
	if (v->timed)
		return fail(p, "batch for '%s' after its timed record", v->name);
	if (N(r, "i") != v->nbatches)
		return fail(p, "batch i=%" PRIu64 " for '%s', expected i=%zu",
			    N(r, "i"), v->name, v->nbatches);
	if (v->nbatches >= p->t.batches)
		return fail(p, "more than batches=%u batches for '%s'",
			    p->t.batches, v->name);
	if (N(r, "k") != p->t.k)
		return fail(p, "batch k=%" PRIu64 " differs from hello k=%u",
			    N(r, "k"), p->t.k);
	/* Allocated once at the announced size: bounded by EB_MAX_BATCHES. */
	if (!v->batches && !(v->batches = calloc(p->t.batches, sizeof(*v->batches))))
		abort();
	v->batches[v->nbatches++] = (struct eb_batch){
		.overhead = N(r, "overhead"),
		.ticks = N(r, "ticks"),
	};
	return true;
}

static bool apply_timed(struct eb_proto *p, const struct rec *r)
{
	struct eb_variant *v = lookup(p, S(r, "name"));
	if (!v)
		return false;
	if (v->timed)
		return fail(p, "second timed record for '%s'", v->name);
	if (!v->checked || !v->check_pass || v->nbatches != p->t.batches)
		return fail(p, "timed for '%s' before its passed check and all "
			    "%u batches", v->name, p->t.batches);
	v->timed = true;
	v->span = N(r, "span");
	return true;
}

/* A verdict of the kind's torture: EB_TORTURE_VERDICTS or EB_UPCALL_VERDICTS */
static bool verdict_of(const char *kind, const char *status)
{
	static const char *const nmi[] = { EB_TORTURE_VERDICTS },
			  *const upcall[] = { EB_UPCALL_VERDICTS };
	bool up = kind && strcmp(kind, EB_TORTURE_UPCALL) == 0;
	size_t n = up ? sizeof(upcall) / sizeof(*upcall) : sizeof(nmi) / sizeof(*nmi);

	for (size_t i = 0; i < n; i++)
		if (strcmp((up ? upcall : nmi)[i], status) == 0)
			return true;
	return false;
}

static bool apply_torture(struct eb_proto *p, const struct rec *r)
{
	const struct eb_variant *v = lookup(p, S(r, "name"));
	const char *kind = S(r, "kind");

	if (!v)
		return false;
	if (kind && (!v->torture || strcmp(v->torture, kind) != 0))
		return fail(p, "torture kind=%s for '%s', which is no design of it",
			    kind, v->name);
	if (!verdict_of(kind, S(r, "status")))
		return fail(p, "torture status=%s is no verdict of the %s torture",
			    S(r, "status"), kind ? kind : EB_FAMILY_NMI);
	if (eb_trial_torture(&p->t, S(r, "name")))
		return fail(p, "second torture record for '%s'", S(r, "name"));
	if (p->t.nvariants && p->t.ntortures == p->t.nvariants)
		return fail(p, "more torture records than variants");
	/* A verdict other than safe names where and why; safe names nothing. */
	if ((strcmp(S(r, "status"), "safe") != 0) != (S(r, "first") != NULL))
		return fail(p, "torture '%s': first= must come with a verdict "
			    "other than safe, and only then", S(r, "name"));
	if ((S(r, "points") != NULL) != (S(r, "covered") != NULL) ||
	    N(r, "covered") > N(r, "points"))
		return fail(p, "torture '%s': covered= must come with points= "
			    "and not exceed it", S(r, "name"));
	struct eb_torture *t = realloc(p->t.tortures,
				       (p->t.ntortures + 1) * sizeof(*t));
	if (!t)
		abort();
	p->t.tortures = t;
	t += p->t.ntortures++;
	*t = (struct eb_torture){
		.name = xstrdup(S(r, "name")),
		.sent = N(r, "sent"),
		.handled = N(r, "handled"),
		.scenarios = xstrdup(S(r, "scenarios")),
		.first = xstrdup(S(r, "first")),
		.detail = xstrdup(S(r, "detail")),
		.moved = xstrdup(S(r, "moved")),
		.has_points = S(r, "points") != NULL,
		.points = N(r, "points"),
		.covered = N(r, "covered"),
	};
	snprintf(t->expect, sizeof(t->expect), "%s", S(r, "expect"));
	snprintf(t->status, sizeof(t->status), "%s", S(r, "status"));
	snprintf(t->kind, sizeof(t->kind), "%s", kind ? kind : EB_FAMILY_NMI);
	return true;
}

static bool apply_nmi(struct eb_proto *p, const struct rec *r)
{
	if (p->t.has_nmi)
		return fail(p, "second nmi record");
	if (!lookup(p, S(r, "name")))
		return false;
	if (N(r, "during") > N(r, "handled"))
		return fail(p, "nmi during=%" PRIu64 " exceeds handled=%" PRIu64,
			    N(r, "during"), N(r, "handled"));
	p->t.has_nmi = true;
	p->t.nmi_name = xstrdup(S(r, "name"));
	p->t.nmi_expect = N(r, "expect");
	p->t.nmi_handled = N(r, "handled");
	p->t.nmi_during = N(r, "during");
	return true;
}

static bool apply_l2run(struct eb_proto *p, const struct rec *r)
{
	if (N(r, "i") != p->t.nl2runs)
		return fail(p, "l2run i=%" PRIu64 " out of order (expected %zu)",
			    N(r, "i"), p->t.nl2runs);
	if (p->t.nl2runs == EB_NESTED_MAX_RUNS)
		return fail(p, "more than %d l2run records", EB_NESTED_MAX_RUNS);
	struct eb_l2run *l = realloc(p->t.l2runs, (p->t.nl2runs + 1) * sizeof(*l));
	if (!l)
		abort();
	p->t.l2runs = l;
	l[p->t.nl2runs++] = (struct eb_l2run){
		.status = N(r, "status"), .bytes = N(r, "bytes"),
	};
	return true;
}

static bool apply_count(struct eb_proto *p, const struct rec *r)
{
	struct eb_l2run *l = p->t.nl2runs ? &p->t.l2runs[p->t.nl2runs - 1] : NULL;

	if (!l || N(r, "run") != p->t.nl2runs - 1)
		return fail(p, "count run=%" PRIu64 " is not the last l2run",
			    N(r, "run"));
	if (!S(r, "value") == !S(r, "why"))
		return fail(p, "count needs value or why, not both or neither");
	if (l->ncounts == EB_NESTED_MAX_EVENTS)
		return fail(p, "more than %d count records for one run",
			    EB_NESTED_MAX_EVENTS);
	struct eb_l2count *c = realloc(l->counts, (l->ncounts + 1) * sizeof(*c));
	if (!c)
		abort();
	l->counts = c;
	c[l->ncounts++] = (struct eb_l2count){
		.event = xstrdup(S(r, "event")), .has_value = S(r, "value"),
		.value = N(r, "value"), .why = xstrdup(S(r, "why")),
	};
	return true;
}

static bool apply_l1nmi(struct eb_proto *p, const struct rec *r)
{
	if (p->t.has_l1inject)
		return fail(p, "l1nmi after l1inject");
	if (N(r, "i") != p->t.nl1nmis)
		return fail(p, "l1nmi i=%" PRIu64 " out of order (expected %zu)",
			    N(r, "i"), p->t.nl1nmis);
	if (p->t.nl1nmis == EB_MAX_NMI_COUNT)
		return fail(p, "more than %d l1nmi records", EB_MAX_NMI_COUNT);
	struct eb_l1nmi *l = realloc(p->t.l1nmis, (p->t.nl1nmis + 1) * sizeof(*l));
	if (!l)
		abort();
	p->t.l1nmis = l;
	l[p->t.nl1nmis++] = (struct eb_l1nmi){
		.at_us = N(r, "at_us"), .line = N(r, "line"),
		.has_ack = S(r, "ack_us") != NULL, .ack_us = N(r, "ack_us"),
	};
	return true;
}

/* The summary: as many NMIs injected as l1nmi records came. */
static bool apply_l1inject(struct eb_proto *p, const struct rec *r)
{
	if (p->t.has_l1inject)
		return fail(p, "second l1inject record");
	if (N(r, "injected") != p->t.nl1nmis)
		return fail(p, "l1inject injected=%" PRIu64 " but %zu l1nmi "
			    "records came", N(r, "injected"), p->t.nl1nmis);
	p->t.has_l1inject = true;
	p->t.l1_injected = N(r, "injected");
	p->t.l1_acks = N(r, "acks");
	p->t.l1_lost = N(r, "lost");
	p->t.l1_bad_ack = N(r, "bad_ack");
	p->t.l1_bad_byte = N(r, "bad_byte");
	p->t.l1_why = xstrdup(S(r, "why"));
	return true;
}

static bool apply_panic(struct eb_proto *p, const struct rec *r)
{
	if (p->t.has_panic)
		return fail(p, "second panic record");
	p->t.has_panic = true;
	p->t.panic_vector = N(r, "vector");
	p->t.panic_error = N(r, "error");
	p->t.panic_rip = N(r, "rip");
	p->t.panic_cs = N(r, "cs");
	p->t.panic_rsp = N(r, "rsp");
	p->t.panic_cr2 = N(r, "cr2");
	p->t.panic_what = xstrdup(S(r, "what"));
	return true;
}

static bool apply_end(struct eb_proto *p, const struct rec *r)
{
	if (N(r, "records") != p->lineno - 1)
		return fail(p, "end records=%" PRIu64 " but %lu lines came before it",
			    N(r, "records"), p->lineno - 1);
	if (N(r, "crc32") != p->crc)
		return fail(p, "crc32 mismatch: end says %08" PRIx64 ", computed %08lx",
			    N(r, "crc32"), p->crc);
	p->t.has_end = true;
	snprintf(p->t.end_status, sizeof(p->t.end_status), "%s", S(r, "status"));
	p->t.end_reason = xstrdup(S(r, "reason"));
	return true;
}

static const char *const modes[] = { "x86_64", "i386", NULL };
static const char *const boots[] = { "pvh", "multiboot", "bzimage", NULL };
static const char *const verdicts[] = { "pass", "fail", NULL };
static const char *const claims[] = { "safe", "unsafe", NULL };
/* Both tortures' verdicts; apply_torture() checks them against the kind's */
static const char *const torture_verdicts[] = {
	EB_TORTURE_VERDICTS, EB_UPCALL_VERDICTS, NULL
};
static const char *const tortures[] = { EB_TORTURE_UPCALL, NULL };
static const char *const end_statuses[] = { "pass", "fail", "crash", "usage", NULL };

static const struct type types[] = {
	{ .name = "hello", .apply = apply_hello, .keys = {
		{ "proto", K_DEC, true }, { "mode", K_STR, true, modes },
		{ "boot", K_STR, true, boots }, { "k", K_DEC, true },
		{ "batches", K_DEC, true }, { "warmup", K_DEC, true },
		{ "cmdline", K_STR, false }, { "kernel", K_STR, false } } },
	{ .name = "cpu", .apply = apply_cpu, .keys = {
		{ "vendor", K_STR, true }, { "family", K_DEC, true },
		{ "model", K_DEC, true }, { "stepping", K_DEC, true },
		{ "hypervisor", K_BOOL, false }, { "rdtscp", K_BOOL, false } } },
	{ .name = "calib", .apply = apply_calib, .keys = {
		{ "iters", K_DEC, true }, { "ticks", K_DEC, true } } },
	{ .name = "variant", .apply = apply_variant, .keys = {
		{ "name", K_NAME, true }, { "cpl", K_DEC, true },
		{ "models", K_STR, true }, { "source", K_STR, true },
		{ "family", K_NAME, false }, { "peer", K_NAME, false },
		{ "torture", K_STR, false, tortures } } },
	{ .name = "skip", .apply = apply_skip, .keys = {
		{ "name", K_NAME, true }, { "reason", K_STR, true } } },
	{ .name = "check", .apply = apply_check, .keys = {
		{ "name", K_NAME, true }, { "status", K_STR, true, verdicts },
		{ "detail", K_STR, false } } },
	{ .name = "batch", .apply = apply_batch, .keys = {
		{ "name", K_NAME, true }, { "i", K_DEC, true }, { "k", K_DEC, true },
		{ "overhead", K_DEC, true }, { "ticks", K_DEC, true } } },
	{ .name = "timed", .apply = apply_timed, .keys = {
		{ "name", K_NAME, true }, { "span", K_DEC, true } } },
	{ .name = "torture", .apply = apply_torture, .keys = {
		{ "name", K_NAME, true }, { "expect", K_STR, true, claims },
		{ "status", K_STR, true, torture_verdicts },
		{ "sent", K_DEC, true }, { "handled", K_DEC, true },
		{ "scenarios", K_STR, true }, { "first", K_NAME, false },
		{ "detail", K_STR, false }, { "kind", K_STR, false, tortures },
		{ "moved", K_STR, false },
		{ "points", K_DEC, false }, { "covered", K_DEC, false } } },
	{ .name = "nmi", .apply = apply_nmi, .keys = {
		{ "name", K_NAME, true }, { "expect", K_DEC, true },
		{ "handled", K_DEC, true }, { "during", K_DEC, true } } },
	{ .name = "l2run", .apply = apply_l2run, .keys = {
		{ "i", K_DEC, true }, { "status", K_DEC, true },
		{ "bytes", K_DEC, true } } },
	{ .name = "count", .apply = apply_count, .keys = {
		{ "run", K_DEC, true }, { "event", K_STR, true },
		{ "value", K_DEC, false }, { "why", K_STR, false } } },
	{ .name = "l1nmi", .apply = apply_l1nmi, .keys = {
		{ "i", K_DEC, true }, { "at_us", K_DEC, true },
		{ "line", K_DEC, true }, { "ack_us", K_DEC, false } } },
	{ .name = "l1inject", .apply = apply_l1inject, .keys = {
		{ "injected", K_DEC, true }, { "acks", K_DEC, true },
		{ "lost", K_BOOL, true }, { "bad_ack", K_DEC, true },
		{ "bad_byte", K_DEC, true }, { "why", K_STR, false } } },
	{ .name = "panic", .apply = apply_panic, .keys = {
		{ "vector", K_DEC, true }, { "error", K_HEX, true },
		{ "rip", K_HEX, true }, { "cs", K_HEX, true },
		{ "rsp", K_HEX, true }, { "cr2", K_HEX, true },
		{ "what", K_STR, true } } },
	{ .name = "end", .apply = apply_end, .keys = {
		{ "records", K_DEC, true }, { "crc32", K_CRC, true },
		{ "status", K_STR, true, end_statuses },
		{ "reason", K_STR, false } } },
};

/* Strict number syntax: digits only, no sign, no overflow. */
static bool number(const char *s, int base, int width, uint64_t *out)
{
	const char *digits = base == 10 ? "0123456789" :
			     "0123456789abcdef";
	uint64_t n = 0;
	int len = 0;

	for (; *s; s++, len++) {
		const char *d = strchr(digits, *s);
		if (!d || n > (UINT64_MAX - (d - digits)) / base)
			return false;
		n = n * base + (d - digits);
	}
	if (len == 0 || (width && len != width))
		return false;
	*out = n;
	return true;
}

static bool value_ok(const struct key *k, const char *v, uint64_t *num)
{
	switch (k->kind) {
	case K_DEC:
		/* Counts land in JSON as signed 64-bit integers. */
		return number(v, 10, 0, num) && *num <= INT64_MAX;
	case K_HEX:
		return strncmp(v, "0x", 2) == 0 && number(v + 2, 16, 0, num);
	case K_CRC:
		return number(v, 16, 8, num);
	case K_BOOL:
		return (strcmp(v, "0") == 0 || strcmp(v, "1") == 0) &&
		       number(v, 10, 0, num);
	case K_NAME:
		return *v && strlen(v) <= EB_PROTO_MAX_NAME &&
		       strspn(v, "abcdefghijklmnopqrstuvwxyz"
			      "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._+-") == strlen(v);
	case K_STR:
		if (!k->oneof)
			return true;
		for (const char *const *o = k->oneof; *o; o++)
			if (strcmp(*o, v) == 0)
				return true;
		return false;
	}
	return false;
}

static const char *const kind_names[] = {
	[K_DEC] = "a decimal number below 2^63", [K_HEX] = "0x-prefixed hex",
	[K_CRC] = "8 lowercase hex digits", [K_BOOL] = "0 or 1",
	[K_STR] = "one of the allowed words",
	[K_NAME] = "a name of 1..63 letters, digits and ._+-",
};

/* Parse `key=value key="value"...` in place: values stay NUL-terminated. */
static bool fields(struct eb_proto *p, const struct type *ty, char *s,
		   struct rec *r)
{
	*r = (struct rec){ .keys = ty->keys };
	while (*s) {
		char *key = s;
		while ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_')
			s++;
		if (*s != '=' || s == key)
			return fail(p, "expected key=value at column %td",
				    key - p->line + 1);
		*s++ = '\0';
		char *val = s;
		if (*s == '"') {
			val = ++s;
			while (*s && *s != '"' && *s != '\\')
				s++;
			if (*s != '"')
				return fail(p, "unterminated or escaped quoted value for '%s'",
					    key);
			*s++ = '\0';
		} else {
			while (*s && *s != ' ' && *s != '"')
				s++;
			if (*s == '"')
				return fail(p, "'\"' inside bare value of '%s'", key);
			if (s == val)
				return fail(p, "empty bare value for '%s' (quote it)", key);
		}
		if (*s == ' ' && (s[1] == ' ' || s[1] == '\0'))
			return fail(p, "fields must be separated by exactly one space");
		if (*s && *s != ' ')
			return fail(p, "junk after the value of '%s'", key);
		if (*s)
			*s++ = '\0';

		int i;
		for (i = 0; ty->keys[i].name; i++)
			if (strcmp(ty->keys[i].name, key) == 0)
				break;
		if (!ty->keys[i].name)
			return fail(p, "unknown key '%s' in %s record", key, ty->name);
		if (r->str[i])
			return fail(p, "key '%s' given twice", key);
		if (!value_ok(&ty->keys[i], val, &r->num[i]))
			return fail(p, "%s=%s: expected %s", key, val,
				    kind_names[ty->keys[i].kind]);
		r->str[i] = val;
	}
	for (int i = 0; ty->keys[i].name; i++)
		if (ty->keys[i].required && !r->str[i])
			return fail(p, "%s record lacks mandatory key '%s'", ty->name,
				    ty->keys[i].name);
	return true;
}

static bool line(struct eb_proto *p)
{
	size_t len = p->len;	/* newline included */
	uLong crc = crc32(p->crc, (const Bytef *)p->line, len);

	p->lineno++;
	p->len = 0;
	for (size_t i = 0; i + 1 < len; i++)
		p->t.last_line[i] = p->line[i] >= 0x20 && p->line[i] < 0x7f ?
				    p->line[i] : '?';
	p->t.last_line[len - 1] = '\0';
	p->line[len - 1] = '\0';

	for (size_t i = 0; i + 1 < len; i++) {
		unsigned char c = p->line[i];
		if (c < 0x20 || c >= 0x7f)
			return fail(p, "byte 0x%02x at column %zu is not printable ASCII",
				    c, i + 1);
	}

	char *s = p->line, *tok = strsep(&s, " ");
	if (strcmp(tok, EB_PROTO_MAGIC) != 0) {
		if (tok[0] == 'E' && tok[1] == 'B' && tok[2] >= '0' && tok[2] <= '9')
			return fail(p, "protocol version %s is not supported (expected %s)",
				    tok, EB_PROTO_MAGIC);
		return fail(p, "not a protocol line (no %s prefix): '%.40s'",
			    EB_PROTO_MAGIC, p->t.last_line);
	}
	uint64_t seq;
	tok = s ? strsep(&s, " ") : "";
	if (!number(tok, 10, 0, &seq) || seq != p->lineno - 1)
		return fail(p, "seq %lu expected, got %s", p->lineno - 1,
			    *tok ? tok : "nothing");

	tok = s ? strsep(&s, " ") : "";
	const struct type *ty = NULL;
	for (size_t i = 0; i < N_OF(types); i++)
		if (strcmp(types[i].name, tok) == 0)
			ty = &types[i];
	if (!ty)
		return fail(p, "unknown record type '%s'", tok);
	if ((p->lineno == 1) != (ty->apply == apply_hello))
		return fail(p, p->lineno == 1 ? "first record is %s, expected hello" :
				"%s record after the first line", ty->name);

	struct rec r;
	static char none[1];
	if (s && !*s)
		return fail(p, "trailing space");
	if (!fields(p, ty, s ? s : none, &r) || !ty->apply(p, &r))
		return false;
	p->crc = crc;
	p->t.nlines = p->lineno;
	return true;
}

bool eb_proto_feed(struct eb_proto *p, const void *buf, size_t len)
{
	const char *b = buf;

	for (size_t i = 0; i < len; i++) {
		if (++p->t.bytes > EB_PROTO_OUTPUT_CAP) {
			fail(p, "guest output exceeds %u bytes; stopped reading",
			     EB_PROTO_OUTPUT_CAP);
			return false;
		}
		if (p->t.error[0])
			continue;
		if (p->t.has_end) {
			fail(p, "data after the end record");
			continue;
		}
		if (p->len == sizeof(p->line) - 1 && b[i] != '\n') {
			p->lineno++;
			fail(p, "longer than %d bytes", EB_PROTO_MAX_LINE);
			continue;
		}
		p->line[p->len++] = b[i];
		if (b[i] == '\n')
			line(p);
	}
	return true;
}

void eb_proto_finish(struct eb_proto *p)
{
	if (p->t.error[0] || p->t.has_end)
		return;
	p->lineno++;
	if (p->len)
		fail(p, "truncated: no newline after %zu bytes", p->len);
	else
		fail(p, "truncated: output ended without an end record");
	p->t.truncated = true;
}

struct eb_proto *eb_proto_new(void)
{
	struct eb_proto *p = calloc(1, sizeof(*p));
	if (!p)
		abort();
	return p;
}

void eb_proto_free(struct eb_proto *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->t.nvariants; i++) {
		struct eb_variant *v = &p->t.variants[i];
		free(v->name);
		free(v->models);
		free(v->source);
		free(v->family);
		free(v->peer);
		free(v->torture);
		free(v->skip_reason);
		free(v->check_detail);
		free(v->batches);
	}
	free(p->t.variants);
	for (size_t i = 0; i < p->t.ntortures; i++) {
		struct eb_torture *t = &p->t.tortures[i];
		free(t->name);
		free(t->scenarios);
		free(t->first);
		free(t->detail);
		free(t->moved);
	}
	free(p->t.tortures);
	for (size_t i = 0; i < p->t.nl2runs; i++) {
		for (size_t j = 0; j < p->t.l2runs[i].ncounts; j++) {
			free(p->t.l2runs[i].counts[j].event);
			free(p->t.l2runs[i].counts[j].why);
		}
		free(p->t.l2runs[i].counts);
	}
	free(p->t.l2runs);
	free(p->t.l1nmis);
	free(p->t.l1_why);
	free(p->t.nmi_name);
	free(p->t.end_reason);
	free(p->t.cpu_vendor);
	free(p->t.kernel);
	free(p->t.panic_what);
	free(p);
}

const struct eb_trial *eb_proto_trial(const struct eb_proto *p)
{
	return &p->t;
}

const struct eb_variant *eb_trial_variant(const struct eb_trial *t,
					  const char *name)
{
	for (size_t i = 0; i < t->nvariants; i++)
		if (strcmp(t->variants[i].name, name) == 0)
			return &t->variants[i];
	return NULL;
}

bool eb_variant_complete(const struct eb_variant *v)
{
	return v->skip_reason || (v->checked && !v->check_pass) || v->timed;
}

const struct eb_torture *eb_trial_torture(const struct eb_trial *t,
					  const char *name)
{
	for (size_t i = 0; i < t->ntortures; i++)
		if (strcmp(t->tortures[i].name, name) == 0)
			return &t->tortures[i];
	return NULL;
}
