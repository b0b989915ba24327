/* SPDX-License-Identifier: MIT */
/* Folding one boot of a run into the results of the variants it ran. */
#ifndef EB_FOLD_H
#define EB_FOLD_H

#include <stdbool.h>

#include <jansson.h>

#include "run/qemu.h"
#include "tiers/tier.h"

struct eb_params {
	unsigned k, batches, warmup;
	bool nmi_injected;	/* timed under host-injected NMIs: no figures */
};

/* Per-trial value: median over batches of (ticks - overhead) / k. */
double eb_trial_value(const struct eb_variant *v, unsigned k);

/*
 * Adds trial `boot` to variants[i], the results of names[i] (a variant
 * the guest declares), for each i < n: boot b ran them in this mode.
 */
void eb_fold_into(json_t *const *variants, const struct eb_tier *tier,
		  const char *mode, int boot, const struct eb_boot *b,
		  const struct eb_params *want, const char *const *names, size_t n);

/* Adds trial `boot` to each variant in names[0..n) of this mode. */
void eb_fold(json_t *res, const struct eb_tier *tier, const char *mode,
	     int boot, const struct eb_boot *b, const struct eb_params *want,
	     const char *const *names, size_t n);

#endif
