/*
 * INJECTED_COST stands at the start of every variant's kernel entry.  It is
 * empty unless the build was configured with -DEB_INJECT=<variant>:..., which
 * defines one of these for that variant's .S file alone:
 *   EB_INJECT_INSNS=N   exactly N extra instructions: a known regression,
 *                       for testing `entrybench gate`;
 *   EB_INJECT_CLOBBER   the entry zeroes EBX/RBX, callee-saved in both
 *                       ABIs: the correctness check must report it;
 *   EB_INJECT_BAD_RSP   the entry flips bit 46 of the user RSP that its
 *                       IRETQ will restore, so user mode faults on its
 *                       next stack access: a guest crash inside one
 *                       variant, which must be blamed on that variant
 *                       alone.  Only an x86_64 entry reached through an
 *                       IDT gate that pushes no error code has that RSP
 *                       at 24(%rsp); such a file says so by defining
 *                       EB_ENTRY_IRET_FRAME before including this header.
 *   EB_INJECT_RBX_BIT32 the entry flips bit 32 of RBX alone (x86_64): a
 *                       check that compared the low halves of registers
 *                       would miss it.
 *   EB_INJECT_RFLAGS_AF the entry flips RFLAGS.AF alone in the IRET frame
 *                       (at 16(%rsp), EB_ENTRY_IRET_FRAME): AF is set in
 *                       the check's canary (harness.c) and no instruction
 *                       of a round trip tests it, so only a check that
 *                       compares all of RFLAGS sees it go.
 *   EB_INJECT_BAD_NR    the entry inverts the system call number in EAX
 *                       before it dispatches, so the call answers
 *                       -ENOSYS: the check of the result must report it
 *                       (entries that dispatch on the number in RAX).
 *   EB_INJECT_STACK_LEAK the entry lowers tss.sp0 by 16 (x86_64), as an
 *                       entry that leaked stack on every call would: the
 *                       check of the entry stack pointers must report it.
 */
#ifndef EB_INJECT_H
#define EB_INJECT_H

#include "processor-flags.h"

#if defined(EB_INJECT_INSNS)
#define INJECTED_COST	.rept EB_INJECT_INSNS; nop; .endr
#elif defined(EB_INJECT_CLOBBER)
#define INJECTED_COST	xorl %ebx, %ebx
#elif defined(EB_INJECT_BAD_RSP) && defined(EB_ENTRY_IRET_FRAME)
/* Canonical still (bit 47 untouched), but 64 TiB away: never mapped. */
#define INJECTED_COST	btcq $46, 24(%rsp)
#elif defined(EB_INJECT_BAD_RSP)
#define INJECTED_COST	.error "EB_INJECT=...:bad-rsp: this entry does not define EB_ENTRY_IRET_FRAME"
#elif defined(EB_INJECT_RBX_BIT32) && defined(__x86_64__)
#define INJECTED_COST	btcq $32, %rbx
#elif defined(EB_INJECT_RBX_BIT32)
#define INJECTED_COST	.error "EB_INJECT=...:rbx-bit32: an x86_64 entry only"
#elif defined(EB_INJECT_RFLAGS_AF) && defined(EB_ENTRY_IRET_FRAME)
#define INJECTED_COST	xorq $X86_EFLAGS_AF, 16(%rsp)
#elif defined(EB_INJECT_RFLAGS_AF)
#define INJECTED_COST	.error "EB_INJECT=...:rflags-af: this entry does not define EB_ENTRY_IRET_FRAME"
#elif defined(EB_INJECT_BAD_NR)
#define INJECTED_COST	notl %eax
#elif defined(EB_INJECT_STACK_LEAK) && defined(__x86_64__)
/* tss.sp[0] is at offset 4 (arch/desc.h); 16 keeps it aligned. */
#define INJECTED_COST	subq $16, tss+4(%rip)
#elif defined(EB_INJECT_STACK_LEAK)
#define INJECTED_COST	.error "EB_INJECT=...:stack-leak: an x86_64 entry only"
#else
#define INJECTED_COST
#endif

#endif
