/* SPDX-License-Identifier: MIT */
/*
 * Tier kvm: the bench kernel under hardware KVM, timed in TSC cycles of
 * this host's CPU.  Cycle counts are only worth publishing when guest ring
 * 0 runs on the real CPU; a /dev/kvm backed by a software hypervisor
 * (kvm_pvm) emulates it and its "cycles" mean nothing, so this tier says
 * it is unusable there, and the calib guard rejects any trial whose ring-0
 * loop shows emulation anyway.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tiers/tier.h"

/* Above this many ticks per `dec;jnz` iteration, ring 0 is emulated. */
#define CALIB_MAX_TICKS_PER_ITER	50

/* Hardware virtualisation shows up as the vmx (Intel) or svm (AMD) flag. */
static bool cpu_has_virt(const char *root)
{
	char path[512], line[8192];
	bool found = false;

	snprintf(path, sizeof(path), "%s/proc/cpuinfo", root);
	FILE *f = fopen(path, "r");
	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		if (strncmp(line, "flags", 5) != 0)
			continue;
		for (char *s = line, *w; !found && (w = strsep(&s, " \t\n"));)
			found = strcmp(w, "vmx") == 0 || strcmp(w, "svm") == 0;
	}
	fclose(f);
	return found;
}

static bool exists(const char *root, const char *path)
{
	char p[512];
	snprintf(p, sizeof(p), "%s%s", root, path);
	return access(p, F_OK) == 0;
}

/* NULL if KVM is real hardware virtualisation, else why it is not. */
static const char *kvm_problem(const char *root)
{
	char dev[512];

	if (exists(root, "/sys/module/kvm_pvm"))
		return "/dev/kvm is provided by kvm_pvm, a software hypervisor: "
		       "guest ring 0 is emulated, cycle counts would be meaningless";
	if (!cpu_has_virt(root))
		return "the CPU flags in /proc/cpuinfo have neither vmx nor svm: "
		       "no hardware virtualisation";
	snprintf(dev, sizeof(dev), "%s/dev/kvm", root);
	int fd = open(dev, O_RDWR | O_CLOEXEC);
	if (fd >= 0) {
		close(fd);
		return NULL;
	}
	if (errno == ENOENT || errno == ENXIO || errno == ENODEV)
		return "/dev/kvm does not exist: load the module (modprobe "
		       "kvm_intel or kvm_amd) and enable VT-x/AMD-V in the firmware";
	if (errno == EACCES || errno == EPERM)
		return "/dev/kvm: permission denied: add yourself to group kvm "
		       "(usermod -aG kvm $USER, then log in again)";
	return "/dev/kvm cannot be opened read-write";
}

static bool calib_ok(uint64_t iters, uint64_t ticks, char *why, size_t size)
{
	if (iters && ticks <= (uint64_t)CALIB_MAX_TICKS_PER_ITER * iters)
		return true;
	snprintf(why, size, "calib: %llu ticks for %llu iterations of a ring-0 "
		 "loop (> %d per iteration): ring 0 is emulated, cycle figures "
		 "rejected", (unsigned long long)ticks,
		 (unsigned long long)iters, CALIB_MAX_TICKS_PER_ITER);
	return false;
}

static const char *const qemu_args[] = {
	"-accel", "kvm", "-cpu", "host", NULL
};

EB_TIER(kvm) = {
	.name = "kvm",
	.unit = "tsc_cycles",
	.describe = "hardware KVM: TSC cycles of this host's CPU",
	.caveats = "cycles of this CPU at its current frequency, microcode and "
		   "mitigations: statistical, compare with gate --cycles on the "
		   "same host only",
	.qemu_args = qemu_args,
	.kvm_exits = true,
	.auto_preference = 2,
	.unusable = kvm_problem,
	.calib_ok = calib_ok,
};
