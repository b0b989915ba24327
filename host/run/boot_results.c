/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "results/results.h"
#include "run/boot_results.h"
#include "stats/summary.h"
#include "tiers/tier.h"

double eb_trial_value(const struct eb_variant *v, unsigned k)
{
	double *x = calloc(v->nbatches + 1, sizeof(*x));

	if (!x)
		abort();
	/* In double: a negative difference is a finding, not a wrap-around. */
	for (size_t i = 0; i < v->nbatches; i++)
		x[i] = ((double)v->batches[i].ticks -
			(double)v->batches[i].overhead) / k;
	double median = eb_stats(x, v->nbatches).median;
	free(x);
	return median;
}

/* Did the guest run what we asked for? "" if so. */
static void mismatch(const struct eb_trial *t, const char *mode,
		     const struct eb_params *want, char *why, size_t size)
{
	*why = '\0';
	if (strcmp(t->mode, mode) != 0)
		snprintf(why, size, "guest says mode %s, host booted the %s image",
			 t->mode, mode);
	else if (t->k != want->k || t->batches != want->batches ||
		 t->warmup != want->warmup)
		snprintf(why, size, "guest ran k=%u batches=%u warmup=%u, host "
			 "asked k=%u batches=%u warmup=%u", t->k, t->batches,
			 t->warmup, want->k, want->batches, want->warmup);
}

static void fold_one(json_t *variant, const struct eb_tier *tier,
		     const struct eb_trial *t, int boot, const char *name,
		     const struct eb_params *want, const char *wrong)
{
	const struct eb_variant *v = eb_trial_variant(t, name);
	const struct eb_variant *raw = v;	/* whose batches to keep */
	const char *status = "error", *detail = NULL;
	char why[512];
	double value = NAN;

	if (*wrong) {
		detail = wrong;
	} else if (!v) {
		detail = "the guest did not declare this variant";
	} else if (v->skip_reason) {
		status = "skipped";
		detail = v->skip_reason;
	} else if (!v->checked) {
		detail = "no check record for this variant";
	} else if (!v->check_pass) {
		status = "fail";
		detail = v->check_detail;
	} else if (v->nbatches != want->batches) {
		snprintf(why, sizeof(why), "%zu of %u batches", v->nbatches,
			 want->batches);
		detail = why;
	} else if (!t->has_calib && tier->calib_ok) {
		status = "rejected";
		detail = "no calib record: cannot vouch for the cycle counts";
		raw = NULL;
	} else if (t->has_calib && !eb_tier_calib_ok(tier, t->calib_iters,
						      t->calib_ticks, why,
						      sizeof(why))) {
		/* Rejected figures are not published, not even the batches. */
		status = "rejected";
		detail = why;
		raw = NULL;
	} else if (want->nmi_injected) {
		/* Checked on every timed trip's worth, but the batches hold NMIs. */
		status = "pass";
		detail = "checked under host-injected NMIs: figure withheld";
	} else {
		status = "pass";
		detail = v->check_detail;
		value = eb_trial_value(v, want->k);
	}
	eb_results_add_trial(variant, boot, status, detail, value, t, raw);
}

static bool selected(const char *const *names, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return true;
	return false;
}

/*
 * Did the boot die part-way (panic, triple fault, timeout, QEMU killed)
 * after the variants began, with every line before its death sound?  Then
 * the records say which variants completed and which one was running.  A
 * broken protocol (forged, garbled) vouches for no record at all.
 */
static bool died_midway(const struct eb_boot *b)
{
	const struct eb_trial *t = eb_proto_trial(b->proto);
	enum eb_verdict v = b->outcome.verdict;
	bool death = v == EB_V_CRASH || v == EB_V_TIMEOUT ||
		     (v == EB_V_ERROR && b->proc.how == EB_PROC_SIGNALED);

	return death && (!t->error[0] || t->truncated) && t->has_hello &&
	       t->has_calib;
}

/*
 * The variant the boot died in: the guest runs the selected variants in
 * declaration order, so it is the first one whose records did not
 * complete; if all did, the last one that ran.  NULL if none ran.
 */
static const struct eb_variant *culprit(const struct eb_trial *t,
					const char *const *names, size_t n)
{
	const struct eb_variant *last = NULL;

	for (size_t i = 0; i < t->nvariants; i++) {
		const struct eb_variant *v = &t->variants[i];
		if (!selected(names, n, v->name))
			continue;
		if (!eb_variant_complete(v))
			return v;
		if (v->checked)
			last = v;
	}
	return last;
}

/* One variant of a boot that died in `blame`: its own result, the
 * death, or not reached. */
static void fold_died(json_t *variant, const struct eb_tier *tier, int boot,
		      const struct eb_boot *b, const struct eb_params *want,
		      const char *name, const struct eb_variant *blame)
{
	const struct eb_trial *t = eb_proto_trial(b->proto);
	const struct eb_variant *v = eb_trial_variant(t, name);
	const char *status = eb_verdict_name(b->outcome.verdict);
	char why[sizeof(b->outcome.why) + 128];

	if (v == blame) {
		snprintf(why, sizeof(why), "%s: %s", !v->checked ? "in its check" :
			 !v->timed ? "while it was timed" : "after its last record",
			 b->outcome.why);
		eb_results_add_trial(variant, boot, status, why, NAN, t, NULL);
	} else if (v && eb_variant_complete(v)) {
		fold_one(variant, tier, t, boot, name, want, "");
	} else {
		snprintf(why, sizeof(why), "the boot %s in %s before this "
			 "variant's turn", status, blame->name);
		eb_results_add_trial(variant, boot, "not run", why, NAN, t, NULL);
	}
}

void eb_fold_into(json_t *const *variants, const struct eb_tier *tier,
		  const char *mode, int boot, const struct eb_boot *b,
		  const struct eb_params *want, const char *const *names, size_t n)
{
	const struct eb_trial *t = eb_proto_trial(b->proto);
	enum eb_verdict verdict = b->outcome.verdict;
	bool finished = verdict == EB_V_PASS || verdict == EB_V_CHECK_FAILED;
	bool died = !finished && died_midway(b);
	const struct eb_variant *blame = NULL;
	char wrong[256] = "";

	if (finished || died)
		mismatch(t, mode, want, wrong, sizeof(wrong));
	/* One death blames one variant; otherwise it is the whole boot's. */
	if (died && !*wrong)
		blame = culprit(t, names, n);
	for (size_t i = 0; i < n; i++) {
		json_t *variant = variants[i];
		if (finished)
			fold_one(variant, tier, t, boot, names[i], want, wrong);
		else if (blame)
			fold_died(variant, tier, boot, b, want, names[i], blame);
		else
			eb_results_add_trial(variant, boot,
					     eb_verdict_name(verdict),
					     b->outcome.why, NAN, t, NULL);
	}
}

void eb_fold(json_t *res, const struct eb_tier *tier, const char *mode,
	     int boot, const struct eb_boot *b, const struct eb_params *want,
	     const char *const *names, size_t n)
{
	json_t **variants = calloc(n + 1, sizeof(*variants));

	if (!variants)
		abort();
	for (size_t i = 0; i < n; i++)
		variants[i] = eb_results_variant(res, names[i], mode);
	eb_fold_into(variants, tier, mode, boot, b, want, names, n);
	free(variants);
}
