/* SPDX-License-Identifier: MIT */
/* The accelerator choice on a fake /proc, /sys and /dev, and the calib guard. */
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

#include "lib/array.h"
#include "tiers/kvm.h"
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

	put("/proc/cpuinfo", "flags\t\t: fpu sse2 hypervisor rdtscp\n");
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
	put("/proc/cpuinfo", "flags\t\t: fpu vmx sse2 rdtscp\n");
	put("/dev/kvm", "");
	assert_string_equal(eb_tier_choose("auto", root, why, sizeof(why))->name,
			    "kvm");
	put("/proc/cpuinfo", "flags\t\t: fpu sse2 rdtscp\n");
	assert_null(eb_tier_choose("kvm", root, why, sizeof(why)));
	assert_non_null(strstr(why, "neither vmx nor svm"));
}

/* -cpu host passes the host's RDTSCP on; the guest's timed loop needs it. */
static void no_rdtscp(void **state)
{
	(void)state;
	char why[512];

	rm("/sys/module/kvm_pvm");
	put("/proc/cpuinfo", "flags\t\t: fpu svm sse2\n");
	put("/dev/kvm", "");
	assert_null(eb_tier_choose("kvm", root, why, sizeof(why)));
	assert_non_null(strstr(why, "no rdtscp"));
	assert_string_equal(eb_tier_choose("auto", root, why, sizeof(why))->name,
			    "tcg");
	/* The native tier's KVM_RUN needs no RDTSCP in a guest. */
	assert_null(eb_kvm_device_problem(root, why, sizeof(why)));
}

/*
 * The other host seen: kvm_pvm loaded, no device node.  That is "no
 * /dev/kvm node", never kvm_pvm's /dev/kvm.
 */
static void pvm_without_node(void **state)
{
	(void)state;
	char why[512], buf[512];

	put("/proc/cpuinfo", "flags\t\t: fpu sse2 hypervisor rdtscp\n");
	mk("/sys/module/kvm_pvm");
	rm("/dev/kvm");
	assert_null(eb_tier_choose("kvm", root, why, sizeof(why)));
	assert_non_null(strstr(why, "--accel kvm refused: no /dev/kvm node: "
			       "the kvm_pvm module is loaded"));
	assert_null(strstr(why, "provided by kvm_pvm"));
	assert_string_equal(eb_tier_choose("auto", root, why, sizeof(why))->name,
			    "tcg");
	assert_non_null(strstr(eb_kvm_device_problem(root, buf, sizeof(buf)),
			       "no /dev/kvm node"));
	rm("/sys/module/kvm_pvm");
}

static void no_node(void **state)
{
	(void)state;
	char why[512];

	rm("/dev/kvm");
	put("/proc/cpuinfo", "flags\t\t: fpu sse2\n");
	assert_null(eb_tier_choose("kvm", root, why, sizeof(why)));
	assert_non_null(strstr(why, "no /dev/kvm node, and the CPU flags in "
			       "/proc/cpuinfo have neither vmx nor svm"));
	put("/proc/cpuinfo", "flags\t\t: fpu vmx sse2 rdtscp\n");
	assert_null(eb_tier_choose("kvm", root, why, sizeof(why)));
	assert_non_null(strstr(why, "no /dev/kvm node: load the module "
			       "(modprobe kvm_intel or kvm_amd)"));
}

/* EB_KVM_DEV names the device instead; the reason says which it was. */
static void dev_override(void **state)
{
	(void)state;
	char why[512];

	put("/proc/cpuinfo", "flags\t\t: fpu vmx sse2 rdtscp\n");
	put("/dev/kvm", "");
	assert_int_equal(setenv("EB_KVM_DEV", "/dev/other-kvm", 1), 0);
	assert_null(eb_tier_choose("kvm", root, why, sizeof(why)));
	assert_non_null(strstr(why, "no /dev/kvm node (EB_KVM_DEV=/dev/other-kvm "
			       "does not exist)"));
	put("/dev/other-kvm", "");
	assert_string_equal(eb_tier_choose("kvm", root, why, sizeof(why))->name,
			    "kvm");
	rm("/dev/other-kvm");
	unsetenv("EB_KVM_DEV");
	assert_string_equal(eb_kvm_dev(), "/dev/kvm");
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
		cmocka_unit_test(no_rdtscp),
		cmocka_unit_test(pvm_without_node),
		cmocka_unit_test(no_node),
		cmocka_unit_test(dev_override),
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
		"/proc/cpuinfo", "/dev/kvm", "/dev/other-kvm", "/sys/module/kvm_pvm", "/sys/module",
		"/sys", "/proc", "/dev", "",
	};
	for (size_t i = 0; i < N_OF(made); i++)
		rm(made[i]);
	return rc;
}
