/*
 * What the loader handed over.  Both loaders enter _start32 the same way
 * and differ only in the structure at %ebx; QEMU's PVH path has been seen to
 * leave the multiboot magic in %eax too, so the PVH magic is tested first.
 */
#include "arch.h"

#define XEN_HVM_START_MAGIC	0x336ec578
#define MULTIBOOT_LOADER_MAGIC	0x2badb002
#define MULTIBOOT_INFO_CMDLINE	(1 << 2)

struct hvm_start_info {			/* xen/include/public/arch-x86/hvm/start_info.h */
	u32 magic, version, flags, nr_modules;
	u64 modlist_paddr, cmdline_paddr, rsdp_paddr;
};

struct multiboot_info {			/* the fields up to the command line */
	u32 flags, mem_lower, mem_upper, boot_device, cmdline;
};

const char *arch_boot_info(u32 magic, u32 info, const char **boot)
{
	const struct hvm_start_info *pvh = (const void *)(uintptr_t)info;
	const struct multiboot_info *mb = (const void *)(uintptr_t)info;

	if (info && pvh->magic == XEN_HVM_START_MAGIC) {
		*boot = "pvh";
		return pvh->cmdline_paddr ? (const char *)(uintptr_t)pvh->cmdline_paddr : "";
	}
	if (magic == MULTIBOOT_LOADER_MAGIC) {
		*boot = "multiboot";
		return mb->flags & MULTIBOOT_INFO_CMDLINE ? (const char *)(uintptr_t)mb->cmdline : "";
	}
	*boot = "unknown";
	return "";
}
