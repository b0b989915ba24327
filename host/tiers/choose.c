/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tiers/choose.h"

const char *const eb_accel_requests[] = { "auto", "kvm", "tcg", NULL };

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

const struct eb_tier *eb_accel_choose(const char *request, const char *root,
				      char *why, size_t size)
{
	if (strcmp(request, "tcg") == 0) {
		snprintf(why, size, "tcg requested");
		return eb_tier("tcg");
	}
	if (strcmp(request, "kvm") != 0 && strcmp(request, "auto") != 0) {
		snprintf(why, size, "--accel %s: expected auto, kvm or tcg", request);
		return NULL;
	}

	const char *problem = kvm_problem(root);
	if (!problem) {
		snprintf(why, size, "%s: hardware KVM available",
			 request);
		return eb_tier("kvm");
	}
	if (strcmp(request, "kvm") == 0) {
		snprintf(why, size, "--accel kvm refused: %s; use --accel tcg",
			 problem);
		return NULL;
	}
	snprintf(why, size, "auto chose tcg: %s", problem);
	return eb_tier("tcg");
}

bool eb_accel_calib_ok(const struct eb_tier *tier, uint64_t iters,
		       uint64_t ticks, char *why, size_t size)
{
	/* TCG icount is exact by construction; only cycles need the guard. */
	if (strcmp(tier->name, "kvm") != 0)
		return true;
	if (iters && ticks <= (uint64_t)EB_CALIB_MAX_TICKS_PER_ITER * iters)
		return true;
	snprintf(why, size, "calib: %llu ticks for %llu iterations of a ring-0 "
		 "loop (> %d per iteration): ring 0 is emulated, cycle figures "
		 "rejected", (unsigned long long)ticks,
		 (unsigned long long)iters, EB_CALIB_MAX_TICKS_PER_ITER);
	return false;
}
