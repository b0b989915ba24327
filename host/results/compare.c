/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/array.h"
#include "results/compare.h"
#include "results/environment.h"
#include "stats/hodges_lehmann.h"
#include "stats/summary.h"
#include "tiers/tier.h"

const char *eb_results_tier(const json_t *res)
{
	const char *s = json_string_value(json_object_get(
		json_object_get(res, "environment"), "tier"));
	return s ? s : "";
}

/* Appends ", name" to out when a and b differ (absent counts as null). */
static void differ(const json_t *a, const json_t *b, const char *name,
		   char *out, size_t size)
{
	if (json_equal(a ? a : json_null(), b ? b : json_null()))
		return;
	size_t len = strlen(out);
	snprintf(out + len, size - len, "%s%s", len ? ", " : "", name);
}

/*
 * The fields results/environment.c hashes into the fingerprint, objects
 * member by member; only those instruction counts depend on if counts.
 */
static void diff_fields(const json_t *a, const json_t *b, bool counts,
			char *out, size_t size)
{
	const char *key;
	json_t *v;
	char name[256];

	*out = '\0';
	for (size_t i = 0; i < eb_env_nfields; i++) {
		const struct eb_env_field *f = &eb_env_fields[i];
		json_t *va = eb_env_get(a, f), *vb = eb_env_get(b, f);
		if (counts && !f->counts)
			continue;
		if (!f->split || !json_is_object(va) || !json_is_object(vb)) {
			differ(va, vb, f->name, out, size);
			continue;
		}
		json_object_foreach(va, key, v) {
			snprintf(name, sizeof(name), "%s.%s", f->name, key);
			differ(v, json_object_get(vb, key), name, out, size);
		}
		json_object_foreach(vb, key, v)
			if (!json_object_get(va, key)) {
				snprintf(name, sizeof(name), "%s.%s", f->name, key);
				differ(NULL, v, name, out, size);
			}
	}
}

bool eb_env_diff(const json_t *a, const json_t *b, char *out, size_t size)
{
	diff_fields(a, b, false, out, size);
	/* Same fields, different hash: say so rather than claim agreement. */
	if (!*out)
		differ(json_object_get(a, "fingerprint"),
		       json_object_get(b, "fingerprint"), "fingerprint", out, size);
	return *out != '\0';
}

bool eb_env_comparable(const json_t *base, const json_t *new, bool force,
		       char *err, size_t size)
{
	char diff[512], counts[512];
	const struct eb_tier *t = eb_tier(eb_results_tier(base));

	*err = '\0';
	if (!eb_env_diff(json_object_get(base, "environment"),
			 json_object_get(new, "environment"), diff, sizeof(diff)))
		return true;
	diff_fields(json_object_get(base, "environment"),
		    json_object_get(new, "environment"), true, counts,
		    sizeof(counts));
	if (t && strcmp(t->unit, "insns") == 0 && !*counts) {
		snprintf(err, size, "note: environments differ (%s); instruction "
			 "counts depend on guest code only", diff);
		return true;
	}
	/* Another kernel or command line is another measurement. */
	if (*counts && force) {
		snprintf(err, size, "warning: the guest's kernel or command lines "
			 "differ (%s); compared because of --force", counts);
		return true;
	}
	if (*counts) {
		snprintf(err, size, "the guest's kernel or command lines differ (%s): "
			 "the counts are not comparable; --force compares anyway",
			 counts);
		return false;
	}
	if (force) {
		snprintf(err, size, "warning: environments differ (%s); compared "
			 "because of --force", diff);
		return true;
	}
	snprintf(err, size, "the environments differ (%s): the figures are not "
		 "comparable; --force compares anyway", diff);
	return false;
}

/* Is res a run of the event upcall torture (a trial's torture of that kind)? */
static bool upcall_torture(const json_t *res)
{
	size_t i, j;
	json_t *v, *t;

	json_array_foreach(json_object_get(res, "variants"), i, v)
		json_array_foreach(json_object_get(v, "trials"), j, t)
			if (json_is_string(json_object_get(json_object_get(t, "torture"), "kind")))
				return true;
	return false;
}

const char *eb_results_untimed(const json_t *res, char *buf, size_t size)
{
	const json_t *p = json_object_get(res, "parameters");
	const json_t *torture = json_object_get(p, "torture");
	const json_t *inject = json_object_get(p, "inject_nmi");

	if (torture)
		snprintf(buf, size, "%s torture run (--torture %s): it has "
			 "verdicts, not timings (entrybench show prints them)",
			 upcall_torture(res) ? "an event upcall" : "an NMI",
			 json_string_value(torture));
	else if (inject)
		snprintf(buf, size, "a run under host-injected NMIs (--inject-nmi "
			 "%s): its timings are withheld, as its batches contain "
			 "NMI handling (entrybench show prints its verdicts)",
			 json_string_value(json_object_get(inject, "design")));
	return torture || inject ? buf : NULL;
}

/* "64", "\"pvh\"" or "absent", for saying how two parameters differ. */
static void value_text(const json_t *v, char *out, size_t size)
{
	char *text = v ? json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
	snprintf(out, size, "%s", text ? text : "absent");
	free(text);
}

bool eb_same_parameters(const json_t *a, const json_t *b, char *which,
			size_t size)
{
	/* What a figure is; not trials, the timeout or the accel asked for. */
	static const char *const keys[] = { "k", "batches", "warmup", "boot" };
	const json_t *pa = json_object_get(a, "parameters");
	const json_t *pb = json_object_get(b, "parameters");

	*which = '\0';
	for (size_t i = 0; i < N_OF(keys); i++) {
		const json_t *va = json_object_get(pa, keys[i]);
		const json_t *vb = json_object_get(pb, keys[i]);
		char ta[64], tb[64];
		if ((!va && !vb) || (va && vb && json_equal(va, vb)))
			continue;
		value_text(va, ta, sizeof(ta));
		value_text(vb, tb, sizeof(tb));
		size_t len = strlen(which);
		snprintf(which + len, size - len, "%s%s %s vs %s", len ? ", " : "",
			 keys[i], ta, tb);
	}
	return !*which;
}

/* Appends a line to msg. */
static void note(char *msg, size_t size, const char *line)
{
	size_t len = strlen(msg);
	snprintf(msg + len, size - len, "%s%s", len ? "\n" : "", line);
}

bool eb_check_comparable(const json_t *base, const char *bname,
			 const json_t *new, const char *nname, bool force,
			 char *msg, size_t size)
{
	char why[512], line[1024];
	const json_t *docs[2] = { base, new };
	const char *names[2] = { bname, nname };

	*msg = '\0';
	for (int i = 0; i < 2; i++)
		if (eb_results_untimed(docs[i], why, sizeof(why))) {
			snprintf(msg, size, "%s is %s", names[i], why);
			return false;
		}
	if (strcmp(eb_results_tier(base), eb_results_tier(new)) != 0) {
		snprintf(msg, size, "%s is tier '%s', %s is tier '%s': figures of "
			 "different tiers (units) never compare", bname,
			 eb_results_tier(base), nname, eb_results_tier(new));
		return false;
	}
	if (!eb_same_parameters(base, new, why, sizeof(why))) {
		if (!force) {
			snprintf(msg, size, "%s and %s were measured with other run "
				 "parameters (%s): their figures are not comparable; "
				 "measure with the same ones, or --force", bname,
				 nname, why);
			return false;
		}
		snprintf(line, sizeof(line), "warning: run parameters differ (%s); "
			 "compared because of --force", why);
		note(msg, size, line);
	}
	if (!eb_env_comparable(base, new, force, line, sizeof(line))) {
		snprintf(msg, size, "%s", line);
		return false;
	}
	if (*line)
		note(msg, size, line);
	return true;
}

/* Median of a copy: eb_stats() sorts, and pairs must keep their order. */
static double median(const double *x, size_t n)
{
	double *c = malloc((n + 1) * sizeof(*c));

	if (!c)
		abort();
	memcpy(c, x, n * sizeof(*c));
	double med = eb_stats(c, n).median;
	free(c);
	return med;
}

struct eb_change eb_compare_values(const double *x, size_t m, const double *y,
				   size_t n, bool paired,
				   const struct eb_thresholds *t)
{
	struct eb_change c = { .m = m, .n = n, .paired = paired };
	struct eb_shift s = paired ? eb_hl_paired(x, y, n, t->alpha) :
				     eb_hl_two_sample(x, m, y, n, t->alpha);

	c.base = median(x, m);
	c.new = median(y, n);
	c.ratio = exp(s.est);
	c.lo = exp(s.lo);
	c.hi = exp(s.hi);
	c.diff = c.base * (c.ratio - 1);
	double th = eb_shift_threshold(t, c.base);
	c.threshold = exp(th);
	c.min_p = s.min_p;
	c.verdict = eb_shift_verdict(&s, t->alpha, th);
	return c;
}

/* The passing trial of variant v with this boot index, or NULL. */
static const json_t *passing_trial(const json_t *v, json_int_t boot)
{
	size_t i;
	json_t *t;

	json_array_foreach(json_object_get(v, "trials"), i, t)
		if (json_integer_value(json_object_get(t, "boot")) == boot)
			return strcmp(json_string_value(json_object_get(t, "status")),
				      "pass") == 0 &&
			       json_is_number(json_object_get(t, "value")) ? t : NULL;
	return NULL;
}

/* Appends the pairs of one set to x, y (room for every trial of base). */
static size_t append_pairs(const json_t *base, const json_t *new, double *x,
			   double *y)
{
	size_t i, n = 0;
	json_t *t;

	json_array_foreach(json_object_get(base, "trials"), i, t) {
		const json_t *u = passing_trial(new, json_integer_value(
						json_object_get(t, "boot")));
		if (!u || strcmp(json_string_value(json_object_get(t, "status")),
				 "pass") != 0 ||
		    !json_is_number(json_object_get(t, "value")))
			continue;
		x[n] = json_number_value(json_object_get(t, "value"));
		y[n++] = json_number_value(json_object_get(u, "value"));
	}
	return n;
}

struct eb_change eb_compare_pooled(const json_t *const *base,
				   const json_t *const *new, size_t sets,
				   const struct eb_thresholds *t)
{
	size_t room = 1, n = 0;

	for (size_t s = 0; s < sets; s++)
		room += json_array_size(json_object_get(base[s], "trials"));
	double *x = malloc(room * sizeof(*x)), *y = malloc(room * sizeof(*y));
	if (!x || !y)
		abort();
	for (size_t s = 0; s < sets; s++)
		n += append_pairs(base[s], new[s], x + n, y + n);
	struct eb_change c = eb_compare_values(x, n, y, n, true, t);
	free(x);
	free(y);
	return c;
}

bool eb_abba_arms(const json_t *base, const json_t *new)
{
	const json_t *a = json_object_get(base, "abba");
	const json_t *b = json_object_get(new, "abba");

	return json_is_object(a) && json_is_object(b) &&
	       json_equal(json_object_get(a, "order"), json_object_get(b, "order")) &&
	       json_equal(json_object_get(a, "seed"), json_object_get(b, "seed")) &&
	       !json_equal(json_object_get(a, "arm"), json_object_get(b, "arm"));
}

static struct eb_change exact_change(const double *x, size_t m,
				      const double *y, size_t n)
{
	struct eb_change c = { .m = m, .n = n, .exact = true, .lo = NAN,
			       .hi = NAN, .threshold = NAN, .min_p = NAN };

	c.base = median(x, m);
	c.new = median(y, n);
	c.diff = c.new - c.base;
	c.ratio = c.new / c.base;
	return c;
}

struct eb_change eb_compare_variant(const json_t *base, const json_t *new,
				    const struct eb_compare_opts *o)
{
	double *x, *y;
	struct eb_change c;

	if (o->paired && strcmp(json_string_value(json_object_get(base, "unit")),
				"insns") != 0)
		return eb_compare_pooled(&base, &new, 1, &o->t);
	size_t m = eb_trial_values(base, &x), n = eb_trial_values(new, &y);
	if (strcmp(json_string_value(json_object_get(base, "unit")), "insns") == 0)
		c = exact_change(x, m, y, n);
	else
		c = eb_compare_values(x, m, y, n, false, &o->t);
	free(x);
	free(y);
	return c;
}
