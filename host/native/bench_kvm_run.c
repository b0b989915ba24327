/* SPDX-License-Identifier: MIT */
/*
 * The round trip of KVM_RUN: into a minimal guest and back to user space
 * on its next exit.  The guest is two real-mode instructions, `out` to a
 * port and a jump back to it, so every KVM_RUN returns with KVM_EXIT_IO
 * and the next one resumes after the `out`.
 *
 * Only on hardware KVM: under kvm_pvm (a software hypervisor) the figure
 * would be kvm_pvm's, which someone would take for KVM's; it is skipped
 * with the reason instead, never published.  So is a host without a KVM
 * device node ($EB_KVM_DEV stands in for /dev/kvm in tests).
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "native.h"
#include "tiers/kvm.h"

#define GUEST_ADDR	0x1000
#define GUEST_PORT	0x10
#define PAGE		4096

struct vm {
	int kvm, vm, vcpu;
	void *mem;
	struct kvm_run *run;
	size_t run_size;
};

static void vm_close(struct vm *v)
{
	if (v->run)
		munmap(v->run, v->run_size);
	if (v->mem)
		munmap(v->mem, PAGE);
	for (int *fd = &v->kvm; fd <= &v->vcpu; fd++)
		if (*fd >= 0)
			close(*fd);
}

/* NULL on success, else the step that failed (errno says why). */
static const char *vm_open(struct vm *v)
{
	/* 1: out %al, $GUEST_PORT; jmp 1b */
	static const unsigned char code[] = { 0xe6, GUEST_PORT, 0xeb, 0xfc };
	struct kvm_sregs sregs;
	struct kvm_regs regs = { .rip = GUEST_ADDR, .rflags = 0x2 };

	*v = (struct vm){ .kvm = -1, .vm = -1, .vcpu = -1 };
	if ((v->kvm = open(eb_kvm_dev(), O_RDWR | O_CLOEXEC)) < 0)
		return "open";
	if ((v->vm = ioctl(v->kvm, KVM_CREATE_VM, 0)) < 0)
		return "KVM_CREATE_VM";
	v->mem = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (v->mem == MAP_FAILED) {
		v->mem = NULL;
		return "mmap guest memory";
	}
	memcpy(v->mem, code, sizeof(code));
	struct kvm_userspace_memory_region region = {
		.guest_phys_addr = GUEST_ADDR, .memory_size = PAGE,
		.userspace_addr = (uintptr_t)v->mem,
	};
	if (ioctl(v->vm, KVM_SET_USER_MEMORY_REGION, &region) < 0)
		return "KVM_SET_USER_MEMORY_REGION";
	if ((v->vcpu = ioctl(v->vm, KVM_CREATE_VCPU, 0)) < 0)
		return "KVM_CREATE_VCPU";
	int size = ioctl(v->kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (size < 0)
		return "KVM_GET_VCPU_MMAP_SIZE";
	v->run_size = size;
	v->run = mmap(NULL, v->run_size, PROT_READ | PROT_WRITE, MAP_SHARED,
		      v->vcpu, 0);
	if (v->run == MAP_FAILED) {
		v->run = NULL;
		return "mmap kvm_run";
	}
	/* Real mode, code segment at 0: RIP is the physical address. */
	if (ioctl(v->vcpu, KVM_GET_SREGS, &sregs) < 0)
		return "KVM_GET_SREGS";
	sregs.cs.base = 0;
	sregs.cs.selector = 0;
	if (ioctl(v->vcpu, KVM_SET_SREGS, &sregs) < 0)
		return "KVM_SET_SREGS";
	if (ioctl(v->vcpu, KVM_SET_REGS, &regs) < 0)
		return "KVM_SET_REGS";
	return NULL;
}

/* Hardware KVM, and a VM it lets this process make. */
static enum eb_native_probe probe(void *arg, char *why, size_t size)
{
	char buf[512];
	const char *problem = eb_kvm_device_problem("", buf, sizeof(buf));
	const char *failed;
	struct vm v;

	(void)arg;
	if (problem) {
		snprintf(why, size, "no hardware KVM: %s", problem);
		return EB_NATIVE_SKIP;
	}
	if ((failed = vm_open(&v)))
		snprintf(why, size, "cannot set up a VM on %s: %s: %s",
			 eb_kvm_dev(), failed, strerror(errno));
	vm_close(&v);
	return failed ? EB_NATIVE_SKIP : EB_NATIVE_RUNS;
}

static void bench(struct eb_gb_state *st, void *arg)
{
	struct vm v;
	const char *failed;

	(void)arg;
	if ((failed = vm_open(&v))) {
		eb_gb_error(st, "cannot set up a VM on %s: %s: %m", eb_kvm_dev(),
			    failed);
		vm_close(&v);
		return;
	}
	if (ioctl(v.vcpu, KVM_RUN, 0) < 0 || v.run->exit_reason != KVM_EXIT_IO ||
	    v.run->io.port != GUEST_PORT) {
		eb_gb_error(st, "first KVM_RUN did not exit with KVM_EXIT_IO on "
			    "port 0x%x (exit reason %u)", GUEST_PORT,
			    v.run->exit_reason);
		vm_close(&v);
		return;
	}
	eb_gb_set_label(st, "exits with KVM_EXIT_IO as expected");
	int bad = 0;
	EB_NATIVE_TIMED(st, bad |= ioctl(v.vcpu, KVM_RUN, 0));
	if (bad)
		eb_gb_error(st, "KVM_RUN failed in the timed loop: %m");
	vm_close(&v);
}

EB_NATIVE_BENCH(kvm_run) = {
	.name = "kvm-run-pio",
	.family = "vmexit",
	.mode = "x86_64",
	.models = "KVM_RUN round trip on hardware KVM: VM entry, a port I/O "
		  "exit, return to user space",
	.source = "Linux virt/kvm/kvm_main.c, arch/x86/kvm/x86.c vcpu_run",
	.fn = bench,
	.probe = probe,
};
