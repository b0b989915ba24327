/*
 * INJECTED_COST stands at the start of every variant's kernel entry.  It is
 * empty unless the build was configured with -DEB_INJECT=<variant>:..., which
 * defines one of these for that variant's .S file alone:
 *   EB_INJECT_INSNS=N   exactly N extra instructions: a known regression,
 *                       for testing `entrybench gate`;
 *   EB_INJECT_CLOBBER   the entry zeroes EBX/RBX, callee-saved in both
 *                       ABIs: the correctness check must report it.
 */
#ifndef EB_INJECT_H
#define EB_INJECT_H

#if defined(EB_INJECT_INSNS)
#define INJECTED_COST	.rept EB_INJECT_INSNS; nop; .endr
#elif defined(EB_INJECT_CLOBBER)
#define INJECTED_COST	xorl %ebx, %ebx
#else
#define INJECTED_COST
#endif

#endif
