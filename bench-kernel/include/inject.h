/*
 * INJECTED_COST stands at the start of every variant's kernel entry.  It is
 * empty unless the build was configured with -DEB_INJECT=<variant>:<N>,
 * which defines EB_INJECT_INSNS=N for that variant's .S file alone: a
 * regression of exactly N instructions, for testing `entrybench gate`.
 */
#ifndef EB_INJECT_H
#define EB_INJECT_H

#ifdef EB_INJECT_INSNS
#define INJECTED_COST	.rept EB_INJECT_INSNS; nop; .endr
#else
#define INJECTED_COST
#endif

#endif
