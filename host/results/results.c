/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <entrybench/protocol.h>

#include "lib/array.h"
#include "lib/cli.h"
#include "results/compare.h"
#include "results/environment.h"
#include "results/linux_results.h"
#include "results/plausible.h"
#include "results/provenance.h"
#include "results/results.h"
#include "run/nmi_torture.h"
#include "stats/summary.h"

/* Worst first: a variant takes the worst status among its trials. */
static const char *const statuses[] = {
	"fail", "crashed", "timeout", "error", "rejected", "not run", "skipped",
	"pass",
};

static size_t rank(const char *status)
{
	size_t i;
	for (i = 0; i < N_OF(statuses); i++)
		if (strcmp(statuses[i], status) == 0)
			break;
	return i;
}

json_t *eb_unavailable(const char *fmt, ...)
{
	char why[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	return json_pack("{s:s}", "unavailable", why);
}

json_t *eb_results_new(int argc, char **argv, json_t *env, json_t *params)
{
	char created[32];
	time_t now = time(NULL);
	json_t *cmd = json_array();

	strftime(created, sizeof(created), "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
	for (int i = 0; i < argc; i++)
		json_array_append_new(cmd, json_string(argv[i]));
	return json_pack("{s:s, s:i, s:s, s:b, s:s, s:o, s:o, s:o, s:o, s:[]}",
			 "schema", EB_RESULTS_SCHEMA,
			 "version", EB_RESULTS_VERSION,
			 "created", created,
			 "interrupted", 0,
			 "entrybench_version", EB_VERSION,
			 "provenance", eb_provenance_new(),
			 "command_line", cmd,
			 "environment", env,
			 "parameters", params,
			 "variants");
}

json_t *eb_results_add_variant(json_t *res, const char *mode,
			       const struct eb_variant *v,
			       const struct eb_tier *tier)
{
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:i, s:s, s:s, s:s, "
			      "s:n, s:n, s:[], s:n}",
			      "name", v->name, "mode", mode,
			      "models", v->models, "source", v->source,
			      "cpl", (int)v->cpl,
			      "tier", tier->name, "unit", tier->unit,
			      "status", "error",
			      "skip_reason", "check_detail",
			      "trials", "summary");
	/* Optional: the guest's family and, for a Linux probe, its model. */
	if (v->family)
		json_object_set_new(o, "family", json_string(v->family));
	if (v->peer)
		json_object_set_new(o, "peer", json_string(v->peer));
	json_array_append_new(json_object_get(res, "variants"), o);
	return o;
}

const char *eb_variant_column(const json_t *v)
{
	return json_string_value(json_object_get(v, "column"));
}

json_t *eb_results_column_variant(const json_t *res, const char *name,
				  const char *mode, const char *column)
{
	size_t i;
	json_t *v;

	json_array_foreach(json_object_get(res, "variants"), i, v) {
		const char *c = eb_variant_column(v);
		if (strcmp(json_string_value(json_object_get(v, "name")), name) == 0 &&
		    strcmp(json_string_value(json_object_get(v, "mode")), mode) == 0 &&
		    (c && column ? strcmp(c, column) == 0 : !c && !column))
			return v;
	}
	return NULL;
}

json_t *eb_results_variant(const json_t *res, const char *name,
			   const char *mode)
{
	return eb_results_column_variant(res, name, mode, NULL);
}

json_t *eb_results_same_variant(const json_t *res, const json_t *v)
{
	return eb_results_column_variant(res,
		json_string_value(json_object_get(v, "name")),
		json_string_value(json_object_get(v, "mode")), eb_variant_column(v));
}

const char *eb_variant_where(const json_t *v)
{
	const char *c = eb_variant_column(v);
	return c ? c : json_string_value(json_object_get(v, "mode"));
}

int eb_where_width(const json_t *a, const json_t *b)
{
	const json_t *docs[2] = { a, b };
	size_t i, w = 7;
	json_t *v;

	for (int d = 0; d < 2; d++)
		json_array_foreach(json_object_get(docs[d], "variants"), i, v)
			if (strlen(eb_variant_where(v)) > w)
				w = strlen(eb_variant_where(v));
	return (int)w;
}

void eb_results_add_trial(json_t *variant, int boot, const char *status,
			  const char *detail, double value,
			  const struct eb_trial *t, const struct eb_variant *v)
{
	json_t *batches = json_array();

	/* JSON has no infinity: say why instead of losing the trial. */
	if (!isnan(value) && !isfinite(value)) {
		status = "rejected";
		detail = "implausible, withheld: the value is not finite";
		value = NAN;
		v = NULL;
	}
	for (size_t i = 0; v && i < v->nbatches; i++)
		json_array_append_new(batches, json_pack("{s:I, s:I}",
			"overhead", (json_int_t)v->batches[i].overhead,
			"ticks", (json_int_t)v->batches[i].ticks));
	json_t *trial = json_pack("{s:i, s:s, s:s?, s:o, s:o, s:o}",
		"boot", boot, "status", status, "detail", detail,
		"value", isnan(value) ? json_null() : json_real(value),
		"calib", t && t->has_calib ?
			json_pack("{s:I, s:I}",
				  "iters", (json_int_t)t->calib_iters,
				  "ticks", (json_int_t)t->calib_ticks) :
			json_null(),
		"batches", batches);
	/* The whole the batches are part of: eb_results_finish() checks them. */
	if (v && v->timed)
		json_object_set_new(trial, "span", json_integer((json_int_t)v->span));
	json_array_append_new(json_object_get(variant, "trials"), trial);
}

size_t eb_trial_values(const json_t *variant, double **out)
{
	const json_t *trials = json_object_get(variant, "trials");
	double *x = calloc(json_array_size(trials) + 1, sizeof(*x));
	size_t i, n = 0;
	json_t *t;

	if (!x)
		abort();
	json_array_foreach(trials, i, t)
		if (strcmp(json_string_value(json_object_get(t, "status")), "pass") == 0 &&
		    json_is_number(json_object_get(t, "value")))
			x[n++] = json_number_value(json_object_get(t, "value"));
	*out = x;
	return n;
}

static json_t *summary(const json_t *variant)
{
	double *x;
	size_t n = eb_trial_values(variant, &x);
	struct eb_stats s = eb_stats(x, n);
	free(x);
	if (!n)
		return json_null();
	return json_pack("{s:I, s:f, s:f, s:f, s:f, s:f}", "n", (json_int_t)s.n,
			 "min", s.min, "median", s.median, "p5", s.p5,
			 "p95", s.p95, "mean", s.mean);
}

/* The detail of the first trial with this status, if any has one. */
static json_t *detail(json_t *trials, const char *status)
{
	size_t i;
	json_t *t;

	json_array_foreach(trials, i, t) {
		json_t *d = json_object_get(t, "detail");
		if (strcmp(json_string_value(json_object_get(t, "status")), status) == 0 &&
		    json_is_string(d))
			return json_incref(d);
	}
	return json_null();
}

bool eb_results_interrupted(const json_t *res)
{
	return json_is_true(json_object_get(res, "interrupted"));
}

void eb_results_mark_interrupted(json_t *res)
{
	json_t *variants = json_object_get(res, "variants");

	json_object_set_new(res, "interrupted", json_true());
	/* Keep what was measured; a variant never reached has nothing. */
	for (size_t i = json_array_size(variants); i-- > 0;)
		if (!json_array_size(json_object_get(json_array_get(variants, i),
						     "trials")))
			json_array_remove(variants, i);
}

/* Figures that cannot be true are rejected, not published: plausible.c. */
static void reject_implausible(json_t *res)
{
	size_t i, j;
	json_t *v, *t;
	char why[512], detail[600];

	json_array_foreach(json_object_get(res, "variants"), i, v)
		json_array_foreach(json_object_get(v, "trials"), j, t) {
			if (strcmp(json_string_value(json_object_get(t, "status")), "pass") != 0 ||
			    !json_is_number(json_object_get(t, "value")) ||
			    eb_plausible(res, v, t, why, sizeof(why)))
				continue;
			snprintf(detail, sizeof(detail), "implausible, withheld: %s", why);
			json_object_set_new(t, "status", json_string("rejected"));
			json_object_set_new(t, "detail", json_string(detail));
			json_object_set_new(t, "value", json_null());
			json_array_clear(json_object_get(t, "batches"));
			json_object_del(t, "span");
		}
}

void eb_results_finish(json_t *res)
{
	size_t i, j;
	json_t *v, *t;

	reject_implausible(res);
	json_array_foreach(json_object_get(res, "variants"), i, v) {
		json_t *trials = json_object_get(v, "trials");
		size_t worst = N_OF(statuses);
		json_array_foreach(trials, j, t) {
			size_t r = rank(json_string_value(json_object_get(t, "status")));
			if (r < worst)
				worst = r;
		}
		/* No trial at all is an error: nothing was measured. */
		json_object_set_new(v, "status", json_string(
			worst < N_OF(statuses) ? statuses[worst] : "error"));
		json_object_set_new(v, "skip_reason", detail(trials, "skipped"));
		json_t *d = detail(trials, "fail");
		json_object_set_new(v, "check_detail",
				    json_is_null(d) ? detail(trials, "pass") : d);
		json_object_set_new(v, "summary", summary(v));
	}
}

/* Write and flush to the disk; errno is set when it returns false. */
static bool dump(const json_t *res, int fd)
{
	mode_t mask = umask(0);

	umask(mask);
	errno = 0;
	/* mkstemp's 0600 would make the results private to us. */
	return fchmod(fd, 0666 & ~mask) == 0 &&
	       json_dumpfd(res, fd, JSON_INDENT(2)) == 0 &&
	       write(fd, "\n", 1) == 1 && fsync(fd) == 0;
}

bool eb_results_probe(const char *path, char *err, size_t size)
{
	char prefix[4200];
	struct stat st;

	if (!*path) {
		snprintf(err, size, "empty file name");
		return false;
	}
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		snprintf(err, size, "%s: is a directory", path);
		return false;
	}
	/* The name eb_results_write() gives its temporary file. */
	snprintf(prefix, sizeof(prefix), "%s.tmp", path);
	int e = eb_can_create(prefix);
	if (e) {
		snprintf(err, size, "%s: cannot create a file next to it: %s",
			 path, strerror(e));
		return false;
	}
	return true;
}

bool eb_results_write(const json_t *res, const char *path,
		      char *err, size_t size)
{
	char *copy = strdup(path), tmp[4096];
	int n = snprintf(tmp, sizeof(tmp), "%s.tmp.XXXXXX", path);

	if (!copy)
		abort();
	/* Same directory as path, O_EXCL: rename() is then atomic. */
	int fd = n > 0 && (size_t)n < sizeof(tmp) ? mkstemp(tmp) :
		 (errno = ENAMETOOLONG, -1);
	if (fd < 0) {
		snprintf(err, size, "%s: cannot create a temporary file in %s: %s",
			 path, dirname(copy), strerror(errno));
		free(copy);
		return false;
	}
	bool ok = dump(res, fd);
	int e = errno;
	if (close(fd) < 0 && ok) {
		ok = false;
		e = errno;
	}
	if (ok && rename(tmp, path) < 0) {
		ok = false;
		e = errno;
	}
	if (!ok) {
		snprintf(err, size, "%s: cannot write: %s", path,
			 e ? strerror(e) : "JSON encoding failed");
		unlink(tmp);
	} else {
		/* Make the rename itself durable. */
		int dfd = open(dirname(copy), O_RDONLY | O_DIRECTORY);
		if (dfd >= 0) {
			fsync(dfd);
			close(dfd);
		}
	}
	free(copy);
	return ok;
}

static bool one_of(const char *s, const char *const *set, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(s, set[i]) == 0)
			return true;
	return false;
}

static bool string_or_null(const json_t *j)
{
	return json_is_string(j) || json_is_null(j);
}

/* Appends ": what" to the location in where; false for `return bad(...)`. */
static bool bad(char *where, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static bool bad(char *where, size_t size, const char *fmt, ...)
{
	size_t len = strlen(where);
	va_list ap;

	snprintf(where + len, size - len, ": ");
	len = strlen(where);
	va_start(ap, fmt);
	vsnprintf(where + len, size - len, fmt, ap);
	va_end(ap);
	return false;
}

static const char *const claims[] = { "safe", "unsafe" };
static const char *const torture_verdicts[] = { EB_TORTURE_VERDICTS };
static const char *const upcall_verdicts[] = { EB_UPCALL_VERDICTS };
static const char *const nmi_verdicts[] = EB_NMI_VERDICTS;

/*
 * A trial's verdict of an in-guest torture (run --torture): the NMI one,
 * or the one its "kind" names (only "upcall" so far).
 */
static bool check_torture(json_t *x, char *where, size_t size)
{
	json_error_t e;
	const char *expect, *status, *kind = NULL;
	json_t *first, *detail;

	if (json_unpack_ex(x, &e, 0, "{s:s, s:s, s:I, s:I, s:s, s:o, s:o, s?:s}",
			   "expect", &expect, "status", &status,
			   "sent", &(json_int_t){0}, "handled", &(json_int_t){0},
			   "scenarios", &(const char *){0},
			   "first", &first, "detail", &detail, "kind", &kind))
		return bad(where, size, "torture: %s", e.text);
	if (!one_of(expect, claims, N_OF(claims)))
		return bad(where, size, "torture: unknown expect '%s'", expect);
	if (kind && strcmp(kind, EB_TORTURE_UPCALL) != 0)
		return bad(where, size, "torture: unknown kind '%s'", kind);
	if (kind ? !one_of(status, upcall_verdicts, N_OF(upcall_verdicts)) :
		   !one_of(status, torture_verdicts, N_OF(torture_verdicts)))
		return bad(where, size, "torture: unknown status '%s'", status);
	if (!string_or_null(first) || !string_or_null(detail))
		return bad(where, size, "torture: first or detail is neither a "
			   "string nor null");
	/* Optional: older files have neither */
	json_t *moved = json_object_get(x, "moved");
	json_t *points = json_object_get(x, "points"), *covered = json_object_get(x, "covered");
	if (moved && !string_or_null(moved))
		return bad(where, size, "torture: moved is neither a string nor null");
	if ((points || covered) &&
	    (!json_is_integer(points) || !json_is_integer(covered) ||
	     json_integer_value(covered) < 0 ||
	     json_integer_value(covered) > json_integer_value(points)))
		return bad(where, size, "torture: points and covered must be "
			   "integers, 0 <= covered <= points");
	return true;
}

/* A trial's host-side counters (run --counters): each event, a count or why not. */
static bool check_counters(json_t *c, char *where, size_t size)
{
	json_error_t e;
	const char *name;
	json_t *x;

	if (!json_is_object(c))
		return bad(where, size, "counters is not an object");
	json_object_foreach(c, name, x) {
		if (json_is_string(json_object_get(x, "unavailable")))
			continue;
		if (json_unpack_ex(x, &e, 0, "{s:F, s:[I,I], s:[I,I], s:[I,I]}",
				   "per_trip", &(double){0},
				   "k", &(json_int_t){0}, &(json_int_t){0},
				   "counts", &(json_int_t){0}, &(json_int_t){0},
				   "protocol_bytes", &(json_int_t){0},
				   &(json_int_t){0}))
			return bad(where, size, "counters: %s: %s", name, e.text);
	}
	return true;
}

static bool check_trial(json_t *t, char *where, size_t size)
{
	json_error_t e;
	json_t *detail, *value, *calib, *batches, *b;
	const char *status;
	size_t i;

	if (json_unpack_ex(t, &e, 0, "{s:i, s:s, s:o, s:o, s:o, s:o}",
			   "boot", &(int){0}, "status", &status, "detail", &detail,
			   "value", &value, "calib", &calib, "batches", &batches))
		return bad(where, size, "%s", e.text);
	if (!string_or_null(detail))
		return bad(where, size, "detail is neither a string nor null");
	if (!one_of(status, statuses, N_OF(statuses)))
		return bad(where, size, "unknown status '%s'", status);
	if (!json_is_null(value) && !json_is_number(value))
		return bad(where, size, "value is neither a number nor null");
	double v = json_number_value(value);
	if (strcmp(status, "pass") == 0 && json_is_number(value) &&
	    !(v >= EB_VALUE_MIN && v <= EB_VALUE_MAX))
		return bad(where, size, "value %g of a passing trial is outside "
			   "[2^-64, 2^64]: no count of ticks per round trip is", v);
	if (!json_is_null(calib) &&
	    json_unpack_ex(calib, &e, 0, "{s:I, s:I}", "iters", &(json_int_t){0},
			   "ticks", &(json_int_t){0}))
		return bad(where, size, "calib: %s", e.text);
	if (!json_is_array(batches))
		return bad(where, size, "batches is not an array");
	json_array_foreach(batches, i, b)
		if (json_unpack_ex(b, &e, 0, "{s:I, s:I}", "overhead",
				   &(json_int_t){0}, "ticks", &(json_int_t){0}))
			return bad(where, size, "batches[%zu]: %s", i, e.text);
	json_t *span = json_object_get(t, "span");
	if (span && !json_is_integer(span))
		return bad(where, size, "span is not an integer");
	json_t *torture = json_object_get(t, "torture");
	json_t *counters = json_object_get(t, "counters");
	return (!torture || check_torture(torture, where, size)) &&
	       (!counters || check_counters(counters, where, size));
}

static bool integer_or_null(const json_t *j)
{
	return json_is_integer(j) || json_is_null(j);
}

/* One boot under host-injected NMIs (run --inject-nmi). */
static bool check_injection(json_t *x, char *where, size_t size)
{
	json_error_t e;
	const char *verdict;
	json_t *handled, *during, *detail, *at, *ack, *lines, *j;
	int injected;
	size_t i;

	if (json_unpack_ex(x, &e, 0, "{s:i, s:s, s:I, s:i, s:i, s:i, s:o, s:o, "
			   "s:F, s:s, s:o, s:o, s:o, s:o}", "boot", &(int){0},
			   "design", &(const char *){0}, "seed", &(json_int_t){0},
			   "planned", &(int){0}, "injected", &injected,
			   "acks", &(int){0},
			   "handled", &handled, "during", &during,
			   "ack_timeout_ms", &(double){0},
			   "verdict", &verdict, "detail", &detail,
			   "at_ms", &at, "ack_ms", &ack, "lines", &lines))
		return bad(where, size, "%s", e.text);
	if (!integer_or_null(handled) || !integer_or_null(during))
		return bad(where, size, "handled or during is neither an integer "
			   "nor null");
	if (!one_of(verdict, nmi_verdicts, N_OF(nmi_verdicts)))
		return bad(where, size, "unknown verdict '%s'", verdict);
	if (!string_or_null(detail))
		return bad(where, size, "detail is neither a string nor null");
	if (!json_is_array(at) || !json_is_array(ack) || !json_is_array(lines) ||
	    json_array_size(at) != (size_t)injected ||
	    json_array_size(ack) != (size_t)injected ||
	    json_array_size(lines) != (size_t)injected)
		return bad(where, size, "at_ms, ack_ms and lines are not arrays "
			   "of `injected` elements");
	json_array_foreach(at, i, j)
		if (!json_is_number(j))
			return bad(where, size, "at_ms[%zu] is not a number", i);
	json_array_foreach(ack, i, j)
		if (!json_is_number(j) && !json_is_null(j))
			return bad(where, size, "ack_ms[%zu] is neither a number "
				   "nor null", i);
	json_array_foreach(lines, i, j)
		if (!json_is_integer(j))
			return bad(where, size, "lines[%zu] is not an integer", i);
	return true;
}

/* Optional strings: family and peer (the guest's), column (linux_results.h). */
static bool check_labels(json_t *v, const json_t *env, char *where, size_t size)
{
	json_t *family = json_object_get(v, "family"), *peer = json_object_get(v, "peer");
	char why[256];

	if ((family && !json_is_string(family)) || (peer && !json_is_string(peer)))
		return bad(where, size, "family or peer is not a string");
	if (!eb_linux_column_valid(v, env, why, sizeof(why)))
		return bad(where, size, "%s", why);
	return true;
}

static bool check_variant(json_t *v, const char *file_tier, const json_t *env,
			  char *where, size_t size)
{
	json_error_t e;
	const char *tier, *unit, *status;
	json_t *skip, *check, *trials, *summary, *t;
	size_t i;

	if (json_unpack_ex(v, &e, 0, "{s:s, s:s, s:s, s:s, s:i, s:s, s:s, s:s, "
			   "s:o, s:o, s:o, s:o}",
			   "name", &(const char *){0}, "mode", &(const char *){0},
			   "models", &(const char *){0}, "source", &(const char *){0},
			   "cpl", &(int){0}, "tier", &tier, "unit", &unit,
			   "status", &status, "skip_reason", &skip,
			   "check_detail", &check,
			   "trials", &trials, "summary", &summary))
		return bad(where, size, "%s", e.text);
	if (!string_or_null(skip) || !string_or_null(check))
		return bad(where, size, "skip_reason or check_detail is neither "
			   "a string nor null");
	const struct eb_tier *ti = eb_tier(tier);
	if (!ti)
		return bad(where, size, "unknown tier '%s'", tier);
	if (strcmp(unit, ti->unit) != 0)
		return bad(where, size, "unit '%s' does not match tier %s (expected %s)",
				unit, tier, ti->unit);
	/* One file, one tier: figures of two units never share a table. */
	if (strcmp(tier, file_tier) != 0)
		return bad(where, size, "tier '%s' differs from environment.tier "
			   "'%s'", tier, file_tier);
	if (!one_of(status, statuses, N_OF(statuses)))
		return bad(where, size, "unknown status '%s'", status);
	if (!check_labels(v, env, where, size))
		return false;
	if (!json_is_null(summary) &&
	    json_unpack_ex(summary, &e, 0, "{s:I, s:F, s:F, s:F, s:F, s:F}",
			   "n", &(json_int_t){0}, "min", &(double){0},
			   "median", &(double){0}, "p5", &(double){0},
			   "p95", &(double){0}, "mean", &(double){0}))
		return bad(where, size, "summary: %s", e.text);
	if (!json_is_array(trials))
		return bad(where, size, "trials is not an array");
	size_t len = strlen(where);
	json_array_foreach(trials, i, t) {
		snprintf(where + len, size - len, ".trials[%zu]", i);
		if (!check_trial(t, where, size))
			return false;
	}
	return true;
}

/*
 * Last, once the form is known good: a file whose tier or environment was
 * edited after it was written would pass for comparable with runs it is
 * not comparable with.
 */
static bool fingerprint_holds(const json_t *env, const char *path, char *err,
			      size_t size)
{
	char fp[65];
	const char *stored = json_string_value(json_object_get(env, "fingerprint"));

	if (!eb_env_fingerprint(env, fp)) {
		snprintf(err, size, "%s: cannot hash the environment", path);
		return false;
	}
	if (strcmp(fp, stored) != 0) {
		snprintf(err, size, "%s: environment.fingerprint %.12s... does not "
			 "match the environment (%.12s...): its tier or a "
			 "fingerprinted field (results/SCHEMA.md) was edited after "
			 "the file was written", path, stored, fp);
		return false;
	}
	return true;
}

/* "path: what", as every message of eb_results_valid() reads; false. */
static bool invalid(char *err, size_t size, const char *path,
		    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static bool invalid(char *err, size_t size, const char *path,
		    const char *fmt, ...)
{
	int len = snprintf(err, size, "%s: ", path);
	va_list ap;

	if (len < 0 || (size_t)len >= size)
		return false;
	va_start(ap, fmt);
	vsnprintf(err + len, size - len, fmt, ap);
	va_end(ap);
	return false;
}

/* First: in another file, or another version, nothing else means a thing. */
static bool check_schema(const json_t *res, const char *path, char *err,
			 size_t size)
{
	json_error_t e;
	const char *schema;
	json_int_t version;

	if (json_unpack_ex((json_t *)res, &e, 0, "{s:s, s:I}", "schema", &schema,
			   "version", &version) ||
	    strcmp(schema, EB_RESULTS_SCHEMA) != 0)
		return invalid(err, size, path, "not an entrybench results file "
			       "(no \"schema\": \"%s\")", EB_RESULTS_SCHEMA);
	if (version != EB_RESULTS_VERSION)
		return invalid(err, size, path, "version %lld is not supported "
			       "(expected %d)", (long long)version,
			       EB_RESULTS_VERSION);
	return true;
}

/* The top-level members every file has, and their types. */
static bool check_members(const json_t *res, json_t **env, json_t **params,
			  json_t **variants, const char *path, char *err,
			  size_t size)
{
	json_error_t e;
	json_t *cmd;

	if (json_unpack_ex((json_t *)res, &e, 0, "{s:s, s:s, s:o, s:o, s:o, s:o}",
			   "created", &(const char *){0},
			   "entrybench_version", &(const char *){0},
			   "command_line", &cmd, "environment", env,
			   "parameters", params, "variants", variants))
		return invalid(err, size, path, "%s", e.text);
	if (!json_is_array(cmd) || !json_is_object(*env) ||
	    !json_is_array(*variants))
		return invalid(err, size, path, "command_line, environment or "
			       "variants has the wrong type");
	return true;
}

/* The tier every variant must share, and the fingerprint's form. */
static bool check_environment(const json_t *env, const char **tier,
			      const char *path, char *err, size_t size)
{
	*tier = json_string_value(json_object_get(env, "tier"));
	if (!*tier || !eb_tier(*tier))
		return invalid(err, size, path, "environment.tier is %s",
			       *tier ? "not a known tier" : "missing or not a string");
	/* Compare and gate trust it to tell comparable runs apart. */
	const char *fp = json_string_value(json_object_get(env, "fingerprint"));
	if (!fp || strlen(fp) != 64 || strspn(fp, "0123456789abcdef") != 64)
		return invalid(err, size, path, "environment.fingerprint is not 64 "
			       "lowercase hex digits");
	return true;
}

/* Absent in files written before it existed: not interrupted. */
static bool check_interrupted(const json_t *res, const char *path, char *err,
			      size_t size)
{
	json_t *intr = json_object_get(res, "interrupted");

	if (intr && !json_is_boolean(intr))
		return invalid(err, size, path, "interrupted is not a boolean");
	return true;
}

/* What every run of the tier was given: Google Benchmark's, or a boot's. */
static bool check_run_parameters(const json_t *params, const char *tier,
				 const char *path, char *err, size_t size)
{
	json_error_t e;
	json_t *filter = json_null();

	/* The native tier boots nothing: Google Benchmark's parameters. */
	if (strcmp(tier, "native") == 0 ?
	    json_unpack_ex((json_t *)params, &e, 0, "{s:i, s:F, s:o}",
			   "repetitions", &(int){0}, "min_time_s", &(double){0},
			   "filter", &filter) :
	    json_unpack_ex((json_t *)params, &e, 0, "{s:i, s:i, s:i, s:i, s:s, s:s}",
			   "k", &(int){0}, "batches", &(int){0},
			   "warmup", &(int){0}, "trials", &(int){0},
			   "accel", &(const char *){0}, "boot", &(const char *){0}))
		return invalid(err, size, path, "parameters: %s", e.text);
	if (!string_or_null(filter))
		return invalid(err, size, path, "parameters: filter is neither a "
			       "string nor null");
	return true;
}

/* Absent unless the run was a torture, counted or injected NMIs. */
static bool check_mode_parameters(const json_t *params, const char *path,
				  char *err, size_t size)
{
	json_error_t e;
	json_t *torture = json_object_get(params, "torture");
	json_t *events = json_object_get(params, "counters"), *ev;
	json_t *inject = json_object_get(params, "inject_nmi");
	size_t i;

	if (torture && !json_is_string(torture))
		return invalid(err, size, path, "parameters: torture is not a string");
	if (events && !json_is_array(events))
		return invalid(err, size, path, "parameters: counters is not an array");
	json_array_foreach(events, i, ev)
		if (!json_is_string(ev))
			return invalid(err, size, path, "parameters: counters[%zu] "
				       "is not a string", i);
	if (inject && json_unpack_ex(inject, &e, 0, "{s:s, s:i, s:F, s:F, s:I}",
				     "design", &(const char *){0},
				     "count", &(int){0},
				     "gap_max_ms", &(double){0},
				     "ack_timeout_ms", &(double){0},
				     "seed", &(json_int_t){0}))
		return invalid(err, size, path, "parameters: inject_nmi: %s", e.text);
	return true;
}

static bool check_variants(const json_t *variants, const char *tier,
			   const json_t *env, const char *path, char *err,
			   size_t size)
{
	size_t i;
	json_t *v;

	json_array_foreach(variants, i, v) {
		char where[256];
		snprintf(where, sizeof(where), "%.160s: variants[%zu]", path, i);
		if (!check_variant(v, tier, env, where, sizeof(where))) {
			snprintf(err, size, "%s", where);
			return false;
		}
	}
	return true;
}

/* Absent unless the run injected NMIs (run --inject-nmi). */
static bool check_injections(const json_t *res, const char *path, char *err,
			     size_t size)
{
	json_t *list = json_object_get(res, "nmi_injection"), *x;
	size_t i;

	if (list && !json_is_array(list))
		return invalid(err, size, path, "nmi_injection is not an array");
	json_array_foreach(list, i, x) {
		char where[256];
		snprintf(where, sizeof(where), "%.160s: nmi_injection[%zu]", path, i);
		if (!check_injection(x, where, sizeof(where))) {
			snprintf(err, size, "%s", where);
			return false;
		}
	}
	return true;
}

/* Absent in files written before it existed. */
static bool check_provenance(const json_t *res, const char *path, char *err,
			     size_t size)
{
	json_t *prov = json_object_get(res, "provenance");
	char why[256];

	if (prov && !eb_provenance_valid(prov, why, sizeof(why)))
		return invalid(err, size, path, "%s", why);
	return true;
}

/* A linux-tier file describes its guest (linux_results.h); no other does. */
static bool check_linux(const json_t *res, const json_t *env,
			const json_t *params, const char *path, char *err,
			size_t size)
{
	char why[256];
	bool lx = eb_linux_results(res);

	if (!lx && (json_object_get(env, "linux") || json_object_get(params, "linux")))
		return invalid(err, size, path, "environment.linux or "
			       "parameters.linux, but tier %s boots no Linux kernel",
			       eb_results_tier(res));
	if (lx && (!eb_linux_env_valid(json_object_get(env, "linux"), why,
				       sizeof(why)) ||
		   !eb_linux_params_valid(params, why, sizeof(why))))
		return invalid(err, size, path, "%s", why);
	return true;
}

/* In the order of the document; the fingerprint last (fingerprint_holds). */
bool eb_results_valid(const json_t *res, const char *path, char *err,
		      size_t size)
{
	json_t *env, *params, *variants;
	const char *tier;

	return check_schema(res, path, err, size) &&
	       check_members(res, &env, &params, &variants, path, err, size) &&
	       check_environment(env, &tier, path, err, size) &&
	       check_interrupted(res, path, err, size) &&
	       check_run_parameters(params, tier, path, err, size) &&
	       check_mode_parameters(params, path, err, size) &&
	       check_linux(res, env, params, path, err, size) &&
	       check_variants(variants, tier, env, path, err, size) &&
	       check_injections(res, path, err, size) &&
	       check_provenance(res, path, err, size) &&
	       fingerprint_holds(env, path, err, size);
}

json_t *eb_results_read(const char *path, char *err, size_t size)
{
	json_error_t e;
	struct stat st;

	/* Not a FIFO or a device that would block or never end. */
	if (stat(path, &st) < 0) {
		snprintf(err, size, "%s: %s", path, strerror(errno));
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, size, "%s: not a regular file", path);
		return NULL;
	}
	json_t *res = json_load_file(path, JSON_REJECT_DUPLICATES, &e);
	if (!res) {
		if (e.line < 0)
			snprintf(err, size, "%s: %s", path, e.text);
		else
			snprintf(err, size, "%s: not valid JSON: line %d: %s", path,
				 e.line, e.text);
		return NULL;
	}
	if (!eb_results_valid(res, path, err, size)) {
		json_decref(res);
		return NULL;
	}
	return res;
}
