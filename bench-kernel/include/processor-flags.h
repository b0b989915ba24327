/* Architectural bits, usable from C and assembly. */
#ifndef EB_PROCESSOR_FLAGS_H
#define EB_PROCESSOR_FLAGS_H

#define CR0_PE		(1 << 0)
#define CR0_WP		(1 << 16)
#define CR0_PG		(1 << 31)
#define CR4_PSE		(1 << 4)
#define CR4_PAE		(1 << 5)

#define MSR_IA32_SYSENTER_CS	0x174
#define MSR_IA32_SYSENTER_ESP	0x175
#define MSR_IA32_SYSENTER_EIP	0x176
#define MSR_EFER		0xc0000080
#define  EFER_SCE		(1 << 0)	/* SYSCALL/SYSRET enable */
#define  EFER_LME		(1 << 8)	/* long mode enable */
#define MSR_STAR		0xc0000081
#define MSR_LSTAR		0xc0000082
#define MSR_SYSCALL_MASK	0xc0000084
#define MSR_GS_BASE		0xc0000101
#define MSR_KERNEL_GS_BASE	0xc0000102

#define PTE_P		(1 << 0)
#define PTE_W		(1 << 1)
#define PTE_U		(1 << 2)
#define PTE_PWT		(1 << 3)
#define PTE_PCD		(1 << 4)
#define PTE_PS		(1 << 7)	/* large page in a directory entry */

#define X86_EFLAGS_CF		0x00000001
#define X86_EFLAGS_FIXED	0x00000002
#define X86_EFLAGS_PF		0x00000004
#define X86_EFLAGS_AF		0x00000010
#define X86_EFLAGS_ZF		0x00000040
#define X86_EFLAGS_SF		0x00000080
#define X86_EFLAGS_TF		0x00000100
#define X86_EFLAGS_IF_BIT	9
#define X86_EFLAGS_IF		(1 << X86_EFLAGS_IF_BIT)
#define X86_EFLAGS_DF		0x00000400
#define X86_EFLAGS_OF		0x00000800
#define X86_EFLAGS_NT		0x00004000
#define X86_EFLAGS_RF		0x00010000
#define X86_EFLAGS_VM		0x00020000
#define X86_EFLAGS_AC		0x00040000

#define ENOSYS		38

#endif
