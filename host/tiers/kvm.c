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
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tiers/kvm.h"
#include "tiers/tier.h"

/* Above this many ticks per `dec;jnz` iteration, ring 0 is emulated. */
#define CALIB_MAX_TICKS_PER_ITER	50

const char *eb_kvm_dev(void)
{
	const char *dev = getenv(EB_KVM_DEV_ENV);

	return dev && *dev ? dev : EB_KVM_DEV_DEFAULT;
}

/* True if /proc/cpuinfo lists any of the flags (NULL-terminated). */
static bool cpu_has_flag(const char *root, const char *const *flags)
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
			for (const char *const *fl = flags; !found && *fl; fl++)
				found = strcmp(w, *fl) == 0;
	}
	fclose(f);
	return found;
}

/* Hardware virtualisation shows up as the vmx (Intel) or svm (AMD) flag. */
static bool cpu_has_virt(const char *root)
{
	static const char *const virt[] = { "vmx", "svm", NULL };

	return cpu_has_flag(root, virt);
}

static bool exists(const char *root, const char *path)
{
	char p[512];
	snprintf(p, sizeof(p), "%s%s", root, path);
	return access(p, F_OK) == 0;
}

/*
 * Why there is no device node, with what would give one.  kvm_pvm loaded
 * without a node is the other host seen: say so, never call it kvm_pvm's.
 */
static const char *no_node(const char *root, char *buf, size_t size)
{
	char where[300] = "";

	if (strcmp(eb_kvm_dev(), EB_KVM_DEV_DEFAULT) != 0)
		snprintf(where, sizeof(where), " (%s=%s does not exist)",
			 EB_KVM_DEV_ENV, eb_kvm_dev());
	if (exists(root, "/sys/module/kvm_pvm"))
		snprintf(buf, size, "no /dev/kvm node%s: the kvm_pvm module is "
			 "loaded but there is no device to open", where);
	else if (!cpu_has_virt(root))
		snprintf(buf, size, "no /dev/kvm node%s, and the CPU flags in "
			 "/proc/cpuinfo have neither vmx nor svm: no hardware "
			 "virtualisation", where);
	else
		snprintf(buf, size, "no /dev/kvm node%s: load the module "
			 "(modprobe kvm_intel or kvm_amd) and enable VT-x/AMD-V "
			 "in the firmware", where);
	return buf;
}

const char *eb_kvm_device_problem(const char *root, char *buf, size_t size)
{
	char dev[512];

	snprintf(dev, sizeof(dev), "%s%s", root, eb_kvm_dev());
	if (access(dev, F_OK) != 0)
		return no_node(root, buf, size);
	if (exists(root, "/sys/module/kvm_pvm"))
		return "/dev/kvm is provided by kvm_pvm, a software hypervisor: "
		       "guest ring 0 is emulated, cycle counts would be meaningless";
	if (!cpu_has_virt(root))
		return "the CPU flags in /proc/cpuinfo have neither vmx nor svm: "
		       "no hardware virtualisation";
	int fd = open(dev, O_RDWR | O_CLOEXEC);
	if (fd >= 0) {
		close(fd);
		return NULL;
	}
	int e = errno;
	if (e == ENOENT)
		return no_node(root, buf, size);
	if (e == ENXIO || e == ENODEV)
		snprintf(buf, size, "%s has no driver behind it: load the module "
			 "(modprobe kvm_intel or kvm_amd) and enable VT-x/AMD-V "
			 "in the firmware", eb_kvm_dev());
	else if (e == EACCES || e == EPERM)
		snprintf(buf, size, "%s: permission denied: add yourself to group "
			 "kvm (usermod -aG kvm $USER, then log in again)",
			 eb_kvm_dev());
	else
		snprintf(buf, size, "%s cannot be opened read-write: %s",
			 eb_kvm_dev(), strerror(e));
	return buf;
}

/*
 * Why the kvm tier cannot time a guest here.  Beyond KVM itself, -cpu
 * host passes the host's RDTSCP on, and the guest's timed loop needs it.
 */
static const char *kvm_tier_problem(const char *root, char *buf, size_t size)
{
	static const char *const rdtscp[] = { "rdtscp", NULL };
	const char *problem = eb_kvm_device_problem(root, buf, size);

	if (!problem && !cpu_has_flag(root, rdtscp))
		problem = "the CPU flags in /proc/cpuinfo have no rdtscp, which "
			  "the guest's timed loop needs";
	return problem;
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

/*
 * hv-relaxed: any hv-* flag makes KVM offer the Hyper-V interface
 * (CPUID 0x40000001 "Hv#1", KVM's own leaves move to 0x40000100), which
 * hc-page-hyperv needs; it changes no other path until the guest sets the
 * guest OS id MSR, and that variant clears it again.
 */
static const char *const qemu_args[] = {
#ifndef EB_PLANT_KVM_NO_HV
	"-accel", "kvm", "-cpu", "host,hv-relaxed", NULL
#else	/* entrybench-planted-kvm-argv: fault.nested_faults must catch it */
	"-accel", "kvm", "-cpu", "host", NULL
#endif
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
	.unusable = kvm_tier_problem,
	.calib_ok = calib_ok,
};
