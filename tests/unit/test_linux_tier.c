/* SPDX-License-Identifier: MIT */
/*
 * The linux tier's host pieces without booting: how --guest and --accel
 * find (or refuse) it, its CPU models, the columns' labels, command lines
 * and argv, the console tail an error shows, the kernel's release as its
 * file says it, and the System.map check.
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
#include "run/linux_kernel.h"
#include "run/linux_run.h"
#include "tiers/linux.h"
#include "tiers/tier.h"

static char dir[] = "/tmp/eb-test-linux-tier.XXXXXX";

static void put(const char *name, const void *text, size_t len)
{
	char p[512];
	snprintf(p, sizeof(p), "%s/%s", dir, name);
	FILE *f = fopen(p, "wb");
	assert_non_null(f);
	fwrite(text, 1, len, f);
	fclose(f);
}

/* --accel never names linux and auto never picks it; --guest linux does. */
static void chosen_by_guest_only(void **state)
{
	(void)state;
	char why[512], cache[600];

	for (const char *const *a = eb_tier_accel_names(); *a; a++)
		assert_string_not_equal(*a, "linux");
	assert_string_equal(eb_tier_guest_names()[0], "bench");
	assert_string_equal(eb_tier_guest_names()[1], "linux");
	assert_null(eb_tier_guest_names()[2]);
	assert_null(eb_tier_choose("linux", dir, why, sizeof(why)));
	assert_non_null(strstr(why, "use --guest linux"));
	/* A root without /dev/kvm: auto falls back to tcg, never to linux. */
	assert_string_equal(eb_tier_choose("auto", dir, why, sizeof(why))->name,
			    "tcg");
	assert_null(eb_tier_for_guest("martian", false, "", why, sizeof(why)));

	/* No kernel in the cache: refused, naming the command that fetches it. */
	snprintf(cache, sizeof(cache), "%s/cache", dir);
	setenv("EB_LINUX_CACHE", cache, 1);
	assert_null(eb_tier_for_guest("linux", true, "", why, sizeof(why)));
	assert_non_null(strstr(why, "ci/linux-kernel.sh"));
	assert_non_null(strstr(why, cache));
	/* A kernel of the user's own needs no cache. */
	assert_string_equal(eb_tier_for_guest("linux", false, "", why,
					      sizeof(why))->unit, "insns");
	mkdir(cache, 0755);
	snprintf(cache, sizeof(cache), "%s/cache/current", dir);
	mkdir(cache, 0755);
	put("cache/current/vmlinuz", "x", 1);
	assert_non_null(eb_tier_for_guest("linux", true, "", why, sizeof(why)));
	unsetenv("EB_LINUX_CACHE");
}

static void cpus(void **state)
{
	(void)state;

	for (size_t i = 0; i < eb_linux_ncpus; i++) {
		assert_string_equal(eb_linux_cpu_names[i], eb_linux_cpus[i].name);
		assert_ptr_equal(eb_linux_cpu(eb_linux_cpus[i].name), &eb_linux_cpus[i]);
		/* Random numbers would make two boots differ. */
		assert_non_null(strstr(eb_linux_cpus[i].qemu_cpu, "-rdrand,-rdseed"));
	}
	assert_null(eb_linux_cpu_names[eb_linux_ncpus]);
	assert_non_null(strstr(eb_linux_cpu("intel")->qemu_cpu, "vendor=GenuineIntel"));
	assert_null(eb_linux_cpu("arm"));
}

static void appends(void **state)
{
	(void)state;
	char out[EB_LINUX_MAX_APPEND_LEN + 1], why[256], big[2000];

	assert_true(eb_linux_append_normalise("  mitigations=off \t pti=on ", out,
					      sizeof(out), why, sizeof(why)));
	assert_string_equal(out, "mitigations=off pti=on");
	assert_true(eb_linux_append_normalise("", out, sizeof(out), why, sizeof(why)));
	assert_string_equal(out, "");
	assert_false(eb_linux_append_normalise("quiet eb.k=5", out, sizeof(out),
					       why, sizeof(why)));
	assert_non_null(strstr(why, "eb.* keys are run's own"));
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_false(eb_linux_append_normalise(big, out, sizeof(out), why, sizeof(why)));
	eb_linux_column_label(out, sizeof(out), "amd", "");
	assert_string_equal(out, "amd");
	eb_linux_column_label(out, sizeof(out), "intel", "pti=on");
	assert_string_equal(out, "intel pti=on");
}

/* The argument after flag in argv, or NULL. */
static const char *arg(const char *const *argv, const char *flag)
{
	for (size_t i = 0; argv[i] && argv[i + 1]; i++)
		if (strcmp(argv[i], flag) == 0)
			return argv[i + 1];
	return NULL;
}

static void columns(void **state)
{
	(void)state;
	const char *want[] = { "getppid-syscall", "pf-minor" };
	struct eb_run_request req = {
		.tier = eb_tier("linux"), .params = { 64, 16, 256 },
	};
	struct eb_linux_column c = { .cpu = eb_linux_cpu("intel"),
				     .append = "pti=on", .index = 3 };
	char why[256];

	assert_true(eb_linux_column_make(&c, &req, "/q", "/k", "/i", dir, why,
					 sizeof(why)));
	assert_string_equal(c.boot_options, EB_LINUX_BOOT_OPTIONS " pti=on");
	/* Every probe: no eb.variants= at all (an empty one is a usage error). */
	assert_string_equal(c.cmdline, EB_LINUX_BOOT_OPTIONS " pti=on eb.k=64 "
			    "eb.batches=16 eb.warmup=256");
	assert_string_equal(arg(c.argv, "-cpu"), eb_linux_cpu("intel")->qemu_cpu);
	assert_string_equal(arg(c.argv, "-append"), c.cmdline);
	assert_string_equal(arg(c.argv, "-kernel"), "/k");
	assert_string_equal(arg(c.argv, "-initrd"), "/i");
	assert_string_equal(arg(c.argv, "-icount"), "shift=0,sleep=off");
	assert_non_null(strstr(arg(c.argv, "-rtc"), "clock=vm,base="));
	assert_non_null(strstr(arg(c.argv, "-serial"), "console-3.log"));
	req.want = want;
	req.nwant = 2;
	assert_true(eb_linux_column_make(&c, &req, "/q", "/k", "/i", dir, why,
					 sizeof(why)));
	assert_non_null(strstr(c.cmdline, " eb.variants=getppid-syscall,pf-minor "));
}

static void console_tail(void **state)
{
	(void)state;
	char out[600], path[512];
	const char text[] = "one\ntwo\r\n\n   \nthree\x1b[0m\nfour\n\n";
	const char panic[] = "[    1.5] Run /init as init process\n"
			     "[    1.6] Kernel panic - not syncing: No working init "
			     "found.\n[    1.6]  kernel_init+0x16/0x130\n"
			     "[    1.6]  </TASK>\n[    1.6] Kernel Offset: disabled\n";

	put("console.log", text, sizeof(text) - 1);
	snprintf(path, sizeof(path), "%s/console.log", dir);
	eb_linux_console_tail(path, out, sizeof(out));
	assert_string_equal(out, "two | three?[0m | four");
	/* The panic line first, then the last lines; no timestamps. */
	put("console.log", panic, sizeof(panic) - 1);
	eb_linux_console_tail(path, out, sizeof(out));
	assert_string_equal(out, "Kernel panic - not syncing: No working init "
			    "found. | ... | kernel_init+0x16/0x130 | </TASK> | "
			    "Kernel Offset: disabled");
	snprintf(path, sizeof(path), "%s/none.log", dir);
	eb_linux_console_tail(path, out, sizeof(out));
	assert_string_equal(out, "");
}

static void releases(void **state)
{
	(void)state;
	uint8_t img[0x400] = { 0 };
	char out[65];
	const char banner[] = "junk Linux version 6.1.0-57-amd64 (debian) #1";

	assert_false(eb_linux_release(img, sizeof(img), out, sizeof(out)));
	assert_string_equal(out, "");
	memcpy(img + 0x100, banner, sizeof(banner));
	assert_true(eb_linux_release(img, sizeof(img), out, sizeof(out)));
	assert_string_equal(out, "6.1.0-57-amd64");
	/* A bzImage says it in its header: kernel_version + 0x200. */
	img[0x1fe] = 0x55;
	img[0x1ff] = 0xaa;
	memcpy(img + 0x202, "HdrS", 4);
	img[0x206] = 0x0f;
	img[0x207] = 0x02;
	img[0x20e] = 0x80;
	memcpy(img + 0x280, "6.12.3-test+ (me@host) #2", 25);
	assert_true(eb_linux_release(img, sizeof(img), out, sizeof(out)));
	assert_string_equal(out, "6.12.3-test+");
}

static void system_maps(void **state)
{
	(void)state;
	char note[256];
	const char stub[] = "ffffffffffffffff B The real System.map is in the "
			    "linux-image-6.1.0-57-amd64-dbg package\n";
	const char map[] = "ffffffff81000000 T _text\n"
			   "ffffffff81001000 T pvh_start_xen\n"
			   "ffffffff81002000 T entry_SYSCALL_64\n";

	assert_true(eb_linux_map_check(stub, strlen(stub), 0x1001000, note,
				       sizeof(note)));
	assert_non_null(strstr(note, "Debian's stub"));
	assert_true(eb_linux_map_check(map, strlen(map), 0x1001000, note, sizeof(note)));
	assert_non_null(strstr(note, "3 symbols, pvh_start_xen matches"));
	assert_false(eb_linux_map_check(map, strlen(map), 0x2000000, note, sizeof(note)));
	assert_non_null(strstr(note, "another kernel's System.map"));
	assert_false(eb_linux_map_check("hello world\n", 12, 0, note, sizeof(note)));
	assert_non_null(strstr(note, "not a System.map"));
	assert_false(eb_linux_map_check("", 0, 0, note, sizeof(note)));
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
		cmocka_unit_test(chosen_by_guest_only),
		cmocka_unit_test(cpus),
		cmocka_unit_test(appends),
		cmocka_unit_test(columns),
		cmocka_unit_test(console_tail),
		cmocka_unit_test(releases),
		cmocka_unit_test(system_maps),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
