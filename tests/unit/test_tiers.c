/* SPDX-License-Identifier: MIT */
/*
 * The tier registry (tiers/registry.c) over whatever tiers are linked in:
 * --accel offers exactly the guest tiers, a tier without a guest is
 * refused by name, exactness follows the unit, and the calib guards hold
 * at their edges.  (The choice on a fake /proc, /sys and /dev is
 * test_accel.c's.)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "tiers/tier.h"

static bool listed(const char *const *names, const char *name)
{
	for (; *names; names++)
		if (strcmp(*names, name) == 0)
			return true;
	return false;
}

/* auto first, then each bench-kernel tier (QEMU arguments, no --guest of
 * its own), and no other. */
static void accel_names(void **state)
{
	(void)state;
	size_t n, guests = 0, listed_n = 0;
	const struct eb_tier *const *t = eb_tiers(&n);
	const char *const *names = eb_tier_accel_names();

	assert_true(n >= 3);		/* tcg, kvm, native at least */
	assert_string_equal(names[0], "auto");
	for (size_t i = 0; i < n; i++) {
		assert_true(eb_tier(t[i]->name) == t[i]);
		bool bench = t[i]->qemu_args && !t[i]->guest;
		assert_int_equal(listed(names, t[i]->name), bench);
		guests += bench;
	}
	while (names[listed_n])
		listed_n++;
	assert_int_equal(listed_n, guests + 1);
	assert_null(eb_tier("no-such-tier"));
}

/* A tier without a guest is no --accel, and the reason lists the ones that are. */
static void guestless_refused(void **state)
{
	(void)state;
	size_t n;
	const struct eb_tier *const *t = eb_tiers(&n);
	char why[512];

	for (size_t i = 0; i < n; i++) {
		if (t[i]->qemu_args)
			continue;
		assert_null(eb_tier_choose(t[i]->name, "/nonexistent", why, sizeof(why)));
		char want[128];
		snprintf(want, sizeof(want), "--accel %s: expected auto, ", t[i]->name);
		if (strncmp(why, want, strlen(want)) != 0)
			fail_msg("expected '%s...', got '%s'", want, why);
		/* The list after it names guest tiers only. */
		assert_null(strstr(why + strlen(want), t[i]->name));
	}
	assert_non_null(eb_tier_choose("tcg", "/nonexistent", why, sizeof(why)));
	assert_string_equal(why, "tcg requested");
}

static void exactness(void **state)
{
	(void)state;
	size_t n;
	const struct eb_tier *const *t = eb_tiers(&n);

	for (size_t i = 0; i < n; i++)
		assert_int_equal(eb_tier_exact(t[i]), strcmp(t[i]->unit, "insns") == 0);
	assert_true(eb_tier_exact(eb_tier("tcg")));
	assert_false(eb_tier_exact(eb_tier("kvm")));
}

/* kvm's guard: 50 ticks per iteration pass, one more fails; no iterations fail. */
static void kvm_calib_edges(void **state)
{
	(void)state;
	const struct eb_tier *kvm = eb_tier("kvm");
	char why[512];

	assert_true(eb_tier_calib_ok(kvm, 1, 50, why, sizeof(why)));
	assert_false(eb_tier_calib_ok(kvm, 1, 51, why, sizeof(why)));
	assert_false(eb_tier_calib_ok(kvm, 0, 0, why, sizeof(why)));
	assert_non_null(strstr(why, "0 ticks for 0 iterations"));
	/* No guard: anything goes. */
	assert_true(eb_tier_calib_ok(eb_tier("tcg"), 0, 0, why, sizeof(why)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(accel_names),
		cmocka_unit_test(guestless_refused),
		cmocka_unit_test(exactness),
		cmocka_unit_test(kvm_calib_edges),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
