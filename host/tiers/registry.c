/* SPDX-License-Identifier: MIT */
/* The tiers linked in, and choosing one for --accel (tier.h). */
#include <stdio.h>
#include <string.h>

#include "lib/array.h"
#include "tiers/tier.h"

extern const struct eb_tier *const __start_eb_tier_ptrs[];
extern const struct eb_tier *const __stop_eb_tier_ptrs[];

const struct eb_tier *const *eb_tiers(size_t *n)
{
	*n = (size_t)(__stop_eb_tier_ptrs - __start_eb_tier_ptrs);
	return __start_eb_tier_ptrs;
}

const struct eb_tier *eb_tier(const char *name)
{
	size_t n;
	const struct eb_tier *const *t = eb_tiers(&n);

	for (size_t i = 0; i < n; i++)
		if (strcmp(t[i]->name, name) == 0)
			return t[i];
	return NULL;
}

/* A tier --accel may name and auto may pick: one that boots the bench kernel. */
static bool bench_tier(const struct eb_tier *t)
{
	return t->qemu_args && !t->guest;
}

const char *const *eb_tier_accel_names(void)
{
	static const char *names[16];
	size_t n, k = 0;
	const struct eb_tier *const *t = eb_tiers(&n);

	if (names[0])
		return names;
	names[k++] = "auto";
	for (size_t i = 0; i < n && k + 1 < N_OF(names); i++)
		if (bench_tier(t[i]))
			names[k++] = t[i]->name;
	return names;
}

const char *const *eb_tier_guest_names(void)
{
	static const char *names[16];
	size_t n, k = 0;
	const struct eb_tier *const *t = eb_tiers(&n);

	if (names[0])
		return names;
	names[k++] = "bench";
	for (size_t i = 0; i < n && k + 1 < N_OF(names); i++)
		if (t[i]->guest)
			names[k++] = t[i]->guest;
	return names;
}

bool eb_tier_exact(const struct eb_tier *t)
{
	return strcmp(t->unit, "insns") == 0;
}

bool eb_tier_calib_ok(const struct eb_tier *t, uint64_t iters, uint64_t ticks,
		      char *why, size_t size)
{
	return !t->calib_ok || t->calib_ok(iters, ticks, why, size);
}

static const char *unusable(const struct eb_tier *t, const char *root,
			    char *buf, size_t size)
{
	return t->unusable ? t->unusable(root, buf, size) : NULL;
}

/* "auto": the usable guest tier auto may pick, of the highest preference. */
static const struct eb_tier *choose_auto(const char *root, char *why, size_t size)
{
	size_t n;
	const struct eb_tier *const *t = eb_tiers(&n), *best = NULL;
	char passed[512] = "", buf[512];

	for (size_t i = 0; i < n; i++) {
		if (!bench_tier(t[i]) || !t[i]->auto_preference ||
		    (best && best->auto_preference >= t[i]->auto_preference))
			continue;
		const char *problem = unusable(t[i], root, buf, sizeof(buf));
		if (!problem)
			best = t[i];
		else if (!*passed)
			snprintf(passed, sizeof(passed), "%s", problem);
	}
	if (!best)
		snprintf(why, size, "--accel auto: no tier is usable here%s%s",
			 *passed ? ": " : "", passed);
	else
		snprintf(why, size, "auto chose %s%s%s", best->name,
			 *passed ? ": " : "", passed);
	return best;
}

static void list_guest_tiers(char *buf, size_t size)
{
	size_t n, k = 0;
	const struct eb_tier *const *t = eb_tiers(&n);

	buf[0] = '\0';
	for (size_t i = 0; i < n && k < size; i++)
		if (bench_tier(t[i]))
			k += snprintf(buf + k, size - k, ", %s", t[i]->name);
}

const struct eb_tier *eb_tier_choose(const char *request, const char *root,
				     char *why, size_t size)
{
	if (strcmp(request, "auto") == 0)
		return choose_auto(root, why, size);

	const struct eb_tier *t = eb_tier(request);
	if (t && t->qemu_args && t->guest) {
		snprintf(why, size, "--accel %s: tier %s boots another guest than "
			 "the bench kernel: use --guest %s", request, t->name,
			 t->guest);
		return NULL;
	}
	if (!t || !t->qemu_args) {
		char names[256];
		list_guest_tiers(names, sizeof(names));
		snprintf(why, size, "--accel %s: expected auto%s", request, names);
		return NULL;
	}
	char buf[512];
	const char *problem = unusable(t, root, buf, sizeof(buf));
	if (problem) {
		snprintf(why, size, "--accel %s refused: %s; use --accel tcg",
			 request, problem);
		return NULL;
	}
	snprintf(why, size, "%s requested", request);
	return t;
}

const struct eb_tier *eb_tier_for_guest(const char *guest, bool check_usable,
					const char *root, char *why, size_t size)
{
	size_t n;
	const struct eb_tier *const *t = eb_tiers(&n);
	char buf[512];

	for (size_t i = 0; i < n; i++) {
		if (!t[i]->guest || strcmp(t[i]->guest, guest) != 0)
			continue;
		const char *problem = check_usable ?
				      unusable(t[i], root, buf, sizeof(buf)) : NULL;
		if (problem) {
			snprintf(why, size, "--guest %s refused: %s", guest, problem);
			return NULL;
		}
		snprintf(why, size, "--guest %s boots tier %s", guest, t[i]->name);
		return t[i];
	}
	snprintf(why, size, "--guest %s: no tier boots that guest", guest);
	return NULL;
}
