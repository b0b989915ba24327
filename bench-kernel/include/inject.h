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
 */
#ifndef EB_INJECT_H
#define EB_INJECT_H

#if defined(EB_INJECT_INSNS)
#define INJECTED_COST	.rept EB_INJECT_INSNS; nop; .endr
#elif defined(EB_INJECT_CLOBBER)
#define INJECTED_COST	xorl %ebx, %ebx
#elif defined(EB_INJECT_BAD_RSP) && defined(EB_ENTRY_IRET_FRAME)
/* Canonical still (bit 47 untouched), but 64 TiB away: never mapped. */
#define INJECTED_COST	btcq $46, 24(%rsp)
#elif defined(EB_INJECT_BAD_RSP)
#define INJECTED_COST	.error "EB_INJECT=...:bad-rsp: this entry does not define EB_ENTRY_IRET_FRAME"
#else
#define INJECTED_COST
#endif

#endif
