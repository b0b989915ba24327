/* SPDX-License-Identifier: MIT */
/*
 * Provenance: image hashes and the build-info.json beside them, the
 * revision label of a file, and the CPU power state read from a made-up
 * sysfs tree (present, absent, mixed), never guessed.
 */
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

#include "fixture.h"
#include "results/compare.h"
#include "results/cpu_power.h"
#include "results/environment.h"
#include "results/provenance.h"

static char dir[] = "/tmp/eb-test-provenance.XXXXXX";

/* Writes text to dir/name, making the directories on the way. */
static void put(const char *name, const char *text)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	for (char *p = path + strlen(dir) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		mkdir(path, 0777);
		*p = '/';
	}
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static const char *str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static const char *why(const json_t *o, const char *key)
{
	return str(json_object_get(o, key), "unavailable");
}

/* "abc" has a well-known SHA-256 (FIPS 180-2, appendix B.1). */
static void sha256(void **state)
{
	(void)state;
	char path[512], hex[65], err[512] = "";

	put("abc", "abc");
	snprintf(path, sizeof(path), "%s/abc", dir);
	assert_true(eb_sha256_file(path, hex, err, sizeof(err)));
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223"
				 "b00361a396177a9cb410ff61f20015ad");
	snprintf(path, sizeof(path), "%s/none", dir);
	assert_false(eb_sha256_file(path, hex, err, sizeof(err)));
	assert_non_null(strstr(err, "No such file"));
}

static json_t *kernel(const json_t *res, size_t i)
{
	return json_array_get(json_object_get(json_object_get(res, "provenance"),
					      "kernels"), i);
}

/*
 * The build is taken from build-info.json only when that file lists the
 * image with its very hash; a rebuilt image or a missing file says so.
 */
static void kernels(void **state)
{
	(void)state;
	char path[512], info[1024];
	json_t *res = json_pack("{s:o}", "provenance", eb_provenance_new());

	put("k/kernel-x86_64.pvh.elf", "abc");
	snprintf(info, sizeof(info), "{\"revision\": \"0123456789abcdef\", "
		 "\"dirty\": true, \"compiler\": \"gcc 12\", \"images\": "
		 "{\"kernel-x86_64.pvh.elf\": \"ba7816bf8f01cfea414140de5dae2223"
		 "b00361a396177a9cb410ff61f20015ad\"}, \"guest_flags\": "
		 "{\"x86_64\": \"-O2 -m64\"}, \"junk\": [1]}");
	put("k/build-info.json", info);
	snprintf(path, sizeof(path), "%s/k/kernel-x86_64.pvh.elf", dir);
	eb_provenance_add_kernel(res, "x86_64", path);

	json_t *k = kernel(res, 0), *b = json_object_get(k, "build");
	assert_string_equal(str(k, "mode"), "x86_64");
	assert_string_equal(str(k, "sha256"), "ba7816bf8f01cfea414140de5dae2223"
				 "b00361a396177a9cb410ff61f20015ad");
	assert_string_equal(str(b, "revision"), "0123456789abcdef");
	assert_string_equal(str(b, "guest_flags"), "-O2 -m64");
	assert_null(json_object_get(b, "junk"));
	assert_null(json_object_get(b, "images"));

	char label[64], err[256];
	assert_true(eb_provenance_revision(res, label, sizeof(label)));
	assert_string_equal(label, "0123456789ab+dirty");
	assert_true(eb_provenance_valid(json_object_get(res, "provenance"), err,
					sizeof(err)));

	/* The image changed after the build that describes it. */
	put("k/kernel-x86_64.pvh.elf", "abd");
	eb_provenance_add_kernel(res, "x86_64", path);
	assert_non_null(strstr(why(kernel(res, 1), "build"),
			       "describes another build of kernel-x86_64.pvh.elf"));
	/* Kernels that disagree: entrybench's own revision labels the file. */
	json_object_set_new(json_object_get(json_object_get(res, "provenance"),
					    "entrybench"), "revision",
			    json_string("fedcba9876543210fedc"));
	assert_true(eb_provenance_revision(res, label, sizeof(label)));
	assert_true(strncmp(label, "fedcba987654", 12) == 0);

	/* No build-info.json at all: said, with the path. */
	put("bare/kernel-i386.pvh.elf", "x");
	snprintf(path, sizeof(path), "%s/bare/kernel-i386.pvh.elf", dir);
	eb_provenance_add_kernel(res, "i386", path);
	assert_non_null(strstr(why(kernel(res, 2), "build"), "bare/build-info.json"));
	assert_true(eb_provenance_valid(json_object_get(res, "provenance"), err,
					sizeof(err)));

	/* Nothing known: no label rather than a made-up one. */
	json_t *none = json_pack("{s:{s:{s:s, s:n}}}", "provenance", "entrybench",
				 "revision", "unknown", "dirty");
	assert_false(eb_provenance_revision(none, label, sizeof(label)));
	json_object_set_new(kernel(res, 0), "sha256", json_string("short"));
	assert_false(eb_provenance_valid(json_object_get(res, "provenance"), err,
					 sizeof(err)));
	assert_non_null(strstr(err, "provenance.kernels[0]: sha256"));
	json_decref(none);
	json_decref(res);
}

/* A machine with cpufreq, boost through acpi-cpufreq and SMT on. */
static void power_present(void **state)
{
	(void)state;
	char root[512];

	put("a/cpu0/cpufreq/scaling_governor", "performance\n");
	put("a/cpu1/cpufreq/scaling_governor", "performance\n");
	put("a/cpu0/cpufreq/scaling_driver", "acpi-cpufreq\n");
	put("a/cpu1/cpufreq/scaling_driver", "acpi-cpufreq\n");
	put("a/cpufreq/boost", "1\n");
	put("a/smt/control", "on\n");
	snprintf(root, sizeof(root), "%s/a", dir);
	json_t *p = eb_cpu_power(root);
	assert_string_equal(str(p, "governor"), "performance");
	assert_string_equal(str(p, "scaling_driver"), "acpi-cpufreq");
	assert_string_equal(str(p, "boost"), "on");
	assert_string_equal(str(p, "smt"), "on");
	json_decref(p);

	/* One CPU differs: each is named.  Turbo off by intel_pstate. */
	put("b/cpu0/cpufreq/scaling_governor", "performance\n");
	put("b/cpu1/cpufreq/scaling_governor", "powersave\n");
	put("b/cpu2/online", "0\n");	/* offline: no cpufreq, not counted */
	put("b/intel_pstate/no_turbo", "1\n");
	snprintf(root, sizeof(root), "%s/b", dir);
	p = eb_cpu_power(root);
	assert_string_equal(str(p, "governor"), "cpu0 performance, cpu1 powersave");
	assert_string_equal(str(p, "boost"), "off");
	assert_non_null(strstr(why(p, "scaling_driver"),
			       "b/cpu0/cpufreq/scaling_driver: No such file"));
	json_decref(p);
}

/* A VM without cpufreq (this machine): every field says what is missing. */
static void power_absent(void **state)
{
	(void)state;
	char root[512];

	put("c/cpu0/topology/core_id", "0\n");
	put("c/intel_pstate/no_turbo", "2\n");
	snprintf(root, sizeof(root), "%s/c", dir);
	json_t *p = eb_cpu_power(root);
	assert_non_null(strstr(why(p, "governor"),
			       "c/cpu0/cpufreq/scaling_governor: No such file"));
	assert_non_null(strstr(why(p, "boost"), "no_turbo reads '2', not 0 or 1"));
	assert_non_null(strstr(why(p, "smt"), "c/smt/control: No such file"));
	json_decref(p);

	snprintf(root, sizeof(root), "%s/nowhere", dir);
	p = eb_cpu_power(root);
	assert_non_null(strstr(why(p, "governor"), "no "));
	assert_non_null(strstr(why(p, "boost"), "cpufreq/boost: No such file"));
	json_decref(p);
}

/* cpu_power is hashed when present and named member by member in a diff;
 * absent, the fingerprint is what it was before the field existed. */
static void power_fingerprint(void **state)
{
	(void)state;
	char a[65], b[65], out[256], path[512], err[256];
	json_t *e = json_pack("{s:s, s:{s:s}}", "tier", "kvm", "cpu", "vendor", "X");

	/* The formula of SCHEMA.md, by hand, from before cpu_power. */
	put("old-key", "{\"cpu\":{\"vendor\":\"X\"},\"host_kernel_release\":null,"
	    "\"mitigations\":null,\"qemu_version\":null,\"tier\":\"kvm\"}");
	snprintf(path, sizeof(path), "%s/old-key", dir);
	assert_true(eb_sha256_file(path, b, err, sizeof(err)));
	assert_true(eb_env_fingerprint(e, a));
	assert_string_equal(a, b);
	json_object_set_new(e, "cpu_power", json_pack("{s:s, s:s}", "governor",
						      "performance", "boost", "on"));
	assert_true(eb_env_fingerprint(e, b));
	assert_string_not_equal(a, b);

	json_t *f = json_deep_copy(e);
	json_object_set_new(json_object_get(f, "cpu_power"), "boost",
			    json_string("off"));
	assert_true(eb_env_diff(e, f, out, sizeof(out)));
	assert_string_equal(out, "cpu_power.boost");
	json_object_del(f, "cpu_power");
	assert_true(eb_env_diff(e, f, out, sizeof(out)));
	assert_string_equal(out, "cpu_power");
	json_decref(f);
	json_decref(e);
}

static int setup(void **state)
{
	(void)state;
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	return fixture_remove_tree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sha256),
		cmocka_unit_test(kernels),
		cmocka_unit_test(power_present),
		cmocka_unit_test(power_absent),
		cmocka_unit_test(power_fingerprint),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
