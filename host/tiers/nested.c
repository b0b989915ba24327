/* SPDX-License-Identifier: MIT */
/*
 * Tier nested: the bench kernel as L2 under a real Linux KVM (kvm_amd),
 * which itself runs as L1 in QEMU's TCG with -icount shift=0.  TCG
 * emulates AMD SVM; L1 is the linux tier's kernel (Debian's, from the
 * cache) with its KVM modules, the project's /init (nested-guest/) and
 * this host's QEMU, which boots L2 with exactly the kvm tier's argv
 * (run/nested.c).  L2's RDTSC is L1's, and L1's is L0's instruction count:
 * a round trip that exits counts every instruction of KVM's and QEMU's
 * handling of it, exactly and identically on every boot; one that does not
 * exit counts what it counts under the tcg tier.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/data_dirs.h"
#include "tiers/linux.h"
#include "tiers/nested.h"
#include "tiers/tier.h"

/* kvm_amd's dependencies are found in the modules themselves (run/nested_image.c). */
const char *const eb_nested_modules[] = { "kvm_amd", "qemu_fw_cfg", NULL };

const char *const eb_nested_firmware[] = {
	"bios-microvm.bin",	/* -M microvm (--boot pvh): qboot */
	"bios-256k.bin", "linuxboot_dma.bin", "multiboot_dma.bin",
	"kvmvapic.bin",		/* -M pc (--boot multiboot): SeaBIOS */
	NULL
};

const char *eb_nested_cache_dir(char *buf, size_t size)
{
	const char *cache = getenv("EB_NESTED_CACHE");
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");

	if (cache && *cache)
		snprintf(buf, size, "%s", cache);
	else if (xdg && *xdg)
		snprintf(buf, size, "%s/entrybench/nested", xdg);
	else
		snprintf(buf, size, "%s/.cache/entrybench/nested", home ? home : "");
	return buf;
}

/* entrybench-planted-l1-init takes the /init whose NMIs never reach L2. */
#ifndef EB_PLANT_L1_INIT
#define L1_INIT_FILE	"nested-l1-init"
#else
#define L1_INIT_FILE	"nested-l1-init-planted"
#endif

const char *eb_nested_init_path(char *buf, size_t size)
{
	snprintf(buf, size, "%s/" L1_INIT_FILE, eb_data_dir(EB_DATA_LINUX_GUEST));
	return buf;
}

/* entrybench-planted-l1-probes takes the probes with a planted fault. */
#ifndef EB_PLANT_L1_PROBES
#define L1_PROBES_FILE	"nested-l1-probes"
#else
#define L1_PROBES_FILE	"nested-l1-probes-planted"
#endif

const char *eb_nested_probes_path(char *buf, size_t size)
{
	snprintf(buf, size, "%s/" L1_PROBES_FILE, eb_data_dir(EB_DATA_LINUX_GUEST));
	return buf;
}

/* Does the cached kernel's modules.order or modules.builtin name module? */
static bool kernel_has(const char *modules, const char *module)
{
	char path[4300], line[512], want[128];
	bool found = false;

	snprintf(want, sizeof(want), "/%s.ko", module);
	for (char *c = want; *c; c++)
		*c = *c == '_' ? '-' : *c;	/* kvm_amd is kvm-amd.ko */
	for (int i = 0; i < 2 && !found; i++) {
		snprintf(path, sizeof(path), "%s/%s", modules,
			 i ? "modules.builtin" : "modules.order");
		FILE *f = fopen(path, "r");
		while (f && !found && fgets(line, sizeof(line), f)) {
			line[strcspn(line, "\n")] = '\0';
			for (char *c = line; *c; c++)
				*c = *c == '_' ? '-' : *c;
			size_t n = strlen(line), w = strlen(want);
			found = n >= w && strcmp(line + n - w, want) == 0;
		}
		if (f)
			fclose(f);
	}
	return found;
}

const char *eb_nested_module_dir(char *buf, size_t size)
{
	char dir[4096], mods[4200];
	struct dirent *d;
	DIR *m;

	snprintf(mods, sizeof(mods), "%s/current/lib/modules",
		 eb_linux_cache_dir(dir, sizeof(dir)));
	*buf = '\0';
	if (!(m = opendir(mods)))
		return NULL;
	while ((d = readdir(m)))
		if (d->d_name[0] != '.')
			snprintf(buf, size, "%s/%s", mods, d->d_name);
	closedir(m);
	return *buf ? buf : NULL;
}

/*
 * The linux tier's cached kernel with the KVM modules, and our L1 /init;
 * QEMU and its libraries are checked when the image is built
 * (run/nested_image.c).
 */
static const char *nested_problem(const char *root, char *buf, size_t size)
{
	const char *problem = eb_tier("linux")->unusable(root, buf, size);
	char mods[4200], init[4200];

	if (problem)
		return problem;
	if (!eb_nested_module_dir(mods, sizeof(mods))) {
		snprintf(buf, size, "the cached Debian kernel has no lib/modules: "
			 "run %s again", EB_LINUX_FETCH);
		return buf;
	}
	for (const char *const *m = eb_nested_modules; *m; m++)
		if (!kernel_has(mods, *m)) {
			snprintf(buf, size, "the cached kernel (%s) has no module "
				 "%s, neither built in nor as a .ko: the nested "
				 "tier needs an L1 kernel with KVM for AMD and "
				 "fw_cfg in sysfs", mods, *m);
			return buf;
		}
	if (access(eb_nested_init_path(init, sizeof(init)), R_OK) != 0 ||
	    access(eb_nested_probes_path(init, sizeof(init)), R_OK) != 0) {
		snprintf(buf, size, "no L1 program at %s: build it (ci/build.sh)", init);
		return buf;
	}
	return NULL;
}

/*
 * The ring-0 loop costs 2 instructions an iteration here as under tcg;
 * L1's timer interrupts land in it now and then.  More than this is not
 * the nested setup this tier describes.
 */
#define CALIB_MAX_TICKS_PER_ITER	50

static bool calib_ok(uint64_t iters, uint64_t ticks, char *why, size_t size)
{
	if (iters && ticks <= (uint64_t)CALIB_MAX_TICKS_PER_ITER * iters)
		return true;
	snprintf(why, size, "calib: %llu ticks for %llu iterations of a ring-0 "
		 "loop (> %d per iteration): L2's ring 0 is not running under "
		 "nested SVM as this tier assumes", (unsigned long long)ticks,
		 (unsigned long long)iters, CALIB_MAX_TICKS_PER_ITER);
	return false;
}

/* The outer QEMU (L0): the linux tier's determinism, and a CPU with SVM. */
static const char *const qemu_args[] = {
	"-accel", "tcg", "-icount", "shift=0,sleep=off",
	"-cpu", "max,-rdrand,-rdseed",
	"-rtc", "clock=vm,base=2024-01-01T00:00:00", NULL
};

EB_TIER(nested) = {
	.name = "nested",
	.unit = "insns",
	.describe = "the bench kernel under a real Linux KVM (kvm_amd) nested in "
		    "TCG -icount shift=0: exact instruction counts, exits included",
	.caveats = "instructions, not cycles, of the real KVM and QEMU software "
		   "path of an exit (kvm_amd of the L1 kernel, QEMU's irqchip "
		   "mode as its argv says); the hardware world switch counts 0; "
		   "TCG emulates no NRIP-save, so kvm_amd decodes every "
		   "intercepted instruction to skip it (about 1,370 of a "
		   "VMMCALL exit's instructions); paths that do not exit count "
		   "as under tcg",
	.qemu_args = qemu_args,
	.inner = "kvm",
	.unusable = nested_problem,
	.calib_ok = calib_ok,
};
