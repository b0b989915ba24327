/* SPDX-License-Identifier: MIT */
/* The accelerator choice on a fake /proc and /sys, and the calib guard. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "tiers/tier.h"

static char root[] = "/tmp/eb-test-accel.XXXXXX";

static void put(const char *path, const char *text)
{
	char p[512];
	snprintf(p, sizeof(p), "%s%s", root, path);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void mk(const char *path)
{
	char p[512];
	snprintf(p, sizeof(p), "%s%s", root, path);
	mkdir(p, 0755);
}

static void rm(const char *path)
{
	char p[512];
	snprintf(p, sizeof(p), "%s%s", root, path);
	remove(p);
}

/* This machine's case: /dev/kvm exists, but kvm_pvm backs it. */
static void pvm(void **state)
{
	(void)state;
	char why[512];

	put("/proc/cpuinfo", "flags\t\t: fpu sse2 hypervisor\n");
	mk("/sys/module/kvm_pvm");
	put("/dev/kvm", "");

	assert_null(eb_tier_choose("kvm", root, why, sizeof(why)));
	assert_non_null(strstr(why, "kvm_pvm, a software hypervisor"));
	assert_non_null(strstr(why, "use --accel tcg"));
	assert_string_equal(eb_tier_choose("auto", root, why, sizeof(why))->name,
			    "tcg");
	assert_string_equal(eb_tier_choose("tcg", root, why, sizeof(why))->name,
			    "tcg");
	assert_null(eb_tier_choose("hvf", root, why, sizeof(why)));
}

static void hardware(void **state)
{
	(void)state;
	char why[512];

	rm("/sys/module/kvm_pvm");
	put("/proc/cpuinfo", "flags\t\t: fpu vmx sse2\n");
	put("/dev/kvm", "");
	assert_string_equal(eb_tier_choose("auto", root, why, sizeof(why))->name,
			    "kvm");
	put("/proc/cpuinfo", "flags\t\t: fpu sse2\n");
	assert_null(eb_tier_choose("kvm", root, why, sizeof(why)));
	assert_non_null(strstr(why, "neither vmx nor svm"));
}

static void calib(void **state)
{
	(void)state;
	char why[512];
	const struct eb_tier *kvm = eb_tier("kvm"), *tcg = eb_tier("tcg");

	assert_true(eb_tier_calib_ok(kvm, 1000, 3000, why, sizeof(why)));
	assert_true(eb_tier_calib_ok(kvm, 1000, 50000, why, sizeof(why)));
	assert_false(eb_tier_calib_ok(kvm, 1000, 50001, why, sizeof(why)));
	assert_non_null(strstr(why, "rejected"));
	assert_true(eb_tier_calib_ok(tcg, 1000, 5000000, why, sizeof(why)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pvm),
		cmocka_unit_test(hardware),
		cmocka_unit_test(calib),
	};
	if (!mkdtemp(root))
		return 1;
	mk("/proc");
	mk("/sys");
	mk("/sys/module");
	mk("/dev");
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	static const char *const made[] = {
		"/proc/cpuinfo", "/dev/kvm", "/sys/module/kvm_pvm", "/sys/module",
		"/sys", "/proc", "/dev", "",
	};
	for (size_t i = 0; i < sizeof(made) / sizeof(made[0]); i++)
		rm(made[i]);
	return rc;
}
