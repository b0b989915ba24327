/*
 * kvm-run-pio in the nested tier's L1: the native tier's KVM_RUN round
 * trip (host/native/bench_kvm_run.c) made by a user-space VMM of L1, so of
 * the real kvm_amd that L1 runs, and timed as a linux-guest probe with the
 * bench kernel's timed loop: L1's TSC counts L0's instructions, so a trip
 * is every instruction of ioctl(KVM_RUN), the VM entry into a two-
 * instruction real-mode guest, its port I/O exit and the way back to user
 * space.  The VM is set up as the native benchmark sets up its own; the
 * code is not shared because guest and host programs share only
 * protocol.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "probe.h"

#define KVM_DEV		"/dev/kvm"
#define GUEST_ADDR	0x1000
#define GUEST_PORT	0x10
#define PAGE		4096

static struct {
	int kvm, vm, vcpu;
	void *mem;
	struct kvm_run *run;
	size_t run_size;
} v = { .kvm = -1, .vm = -1, .vcpu = -1 };

static char why[256];

/*
 * The port the guest writes: GUEST_PORT, but another one in the planted
 * build (nested-l1-probes-planted), whose KVM_EXIT_IO the trip's check
 * must refuse (fault.nested_faults).
 */
#ifndef EB_PLANT_KVM_RUN_PIO_PORT
#define OUT_PORT	GUEST_PORT
#else
#define OUT_PORT	(GUEST_PORT + 1)
#endif

/* The guest's memory, one page: `1: out %al, $OUT_PORT; jmp 1b`. */
static const char *guest_memory(void)
{
	static const unsigned char code[] = { 0xe6, OUT_PORT, 0xeb, 0xfc };

	v.mem = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
		     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (v.mem == MAP_FAILED) {
		v.mem = NULL;
		return "mmap guest memory";
	}
	memcpy(v.mem, code, sizeof(code));
	struct kvm_userspace_memory_region region = {
		.guest_phys_addr = GUEST_ADDR, .memory_size = PAGE,
		.userspace_addr = (unsigned long)v.mem,
	};
	return ioctl(v.vm, KVM_SET_USER_MEMORY_REGION, &region) < 0 ?
	       "KVM_SET_USER_MEMORY_REGION" : NULL;
}

/* A vCPU in real mode, code segment at 0: RIP is the physical address. */
static const char *vcpu(void)
{
	struct kvm_regs regs = { .rip = GUEST_ADDR, .rflags = 0x2 };
	struct kvm_sregs sregs;
	int size;

	if ((v.vcpu = ioctl(v.vm, KVM_CREATE_VCPU, 0)) < 0)
		return "KVM_CREATE_VCPU";
	if ((size = ioctl(v.kvm, KVM_GET_VCPU_MMAP_SIZE, 0)) < 0)
		return "KVM_GET_VCPU_MMAP_SIZE";
	v.run_size = size;
	v.run = mmap(NULL, v.run_size, PROT_READ | PROT_WRITE, MAP_SHARED, v.vcpu, 0);
	if (v.run == MAP_FAILED) {
		v.run = NULL;
		return "mmap kvm_run";
	}
	if (ioctl(v.vcpu, KVM_GET_SREGS, &sregs) < 0)
		return "KVM_GET_SREGS";
	sregs.cs.base = 0;
	sregs.cs.selector = 0;
	if (ioctl(v.vcpu, KVM_SET_SREGS, &sregs) < 0)
		return "KVM_SET_SREGS";
	return ioctl(v.vcpu, KVM_SET_REGS, &regs) < 0 ? "KVM_SET_REGS" : NULL;
}

/* 1 when KVM_RUN came back with the guest's OUT to GUEST_PORT. */
static long kvm_run_trip(void)
{
	return ioctl(v.vcpu, KVM_RUN, 0) == 0 && v.run->exit_reason == KVM_EXIT_IO &&
	       v.run->io.port == GUEST_PORT;
}

static long one(void)
{
	return 1;
}

static const char *unsupported(const struct guest_config *cfg)
{
	(void)cfg;
	if (access(KVM_DEV, R_OK | W_OK) == 0)
		return NULL;
	snprintf(why, sizeof(why), "no usable %s (%s): this probe runs in the "
		 "nested tier's L1, which loads kvm_amd", KVM_DEV, strerror(errno));
	return why;
}

static const char *setup(const struct guest_config *cfg)
{
	const char *failed = NULL;

	(void)cfg;
	if ((v.kvm = open(KVM_DEV, O_RDWR | O_CLOEXEC)) < 0)
		failed = "open " KVM_DEV;
	else if ((v.vm = ioctl(v.kvm, KVM_CREATE_VM, 0)) < 0)
		failed = "KVM_CREATE_VM";
	else if (!(failed = guest_memory()))
		failed = vcpu();
	if (!failed)
		return NULL;
	snprintf(why, sizeof(why), "cannot set up a VM: %s: %s", failed,
		 strerror(errno));
	return why;
}

static void teardown(void)
{
	if (v.run)
		munmap(v.run, v.run_size);
	if (v.mem)
		munmap(v.mem, PAGE);
	for (int *fd = &v.kvm; fd <= &v.vcpu; fd++)
		if (*fd >= 0)
			close(*fd);
}

PROBE(kvm_run_pio) = {
	.name = EB_NESTED_KVM_RUN_PIO,
	.family = "vmexit",
	.peer = "io-exit",
	.models = "KVM_RUN round trip of a user-space VMM in L1: ioctl, VM entry "
		  "into a real-mode guest, its OUT exits to user space "
		  "(KVM_EXIT_IO), the return from the ioctl",
	.source = "Linux virt/kvm/kvm_main.c kvm_vcpu_ioctl, arch/x86/kvm/x86.c "
		  "vcpu_run, arch/x86/kvm/svm/svm.c",
	.clobbers = C_CLOBBERS,
	.expect = one,
	.unsupported = unsupported,
	.setup = setup,
	.trip = (void (*)(void))kvm_run_trip,
	.teardown = teardown,
};
