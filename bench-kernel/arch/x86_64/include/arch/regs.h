/*
 * Registers the correctness check compares across one round trip, indexed
 * in hardware encoding order (then RFLAGS).  timing.S stores them in this
 * order; harness.c compares them by index and names them with reg_names[].
 */
#ifndef ARCH_REGS_H
#define ARCH_REGS_H

#define REG_AX		0
#define REG_CX		1
#define REG_DX		2
#define REG_BX		3
#define REG_SP		4
#define REG_BP		5
#define REG_SI		6
#define REG_DI		7
#define REG_R8		8
#define REG_R9		9
#define REG_R10		10
#define REG_R11		11
#define REG_R12		12
#define REG_R13		13
#define REG_R14		14
#define REG_R15		15
#define REG_FLAGS	16
#define NR_CHECK_REGS	17

#define REG_BIT(r)	(1ul << (r))
#define REG_RESULT	REG_AX		/* where a round trip leaves its answer */

/* What SYSCALL itself destroys: RIP goes to RCX, RFLAGS to R11. */
#define SYSCALL_CLOBBERS	(REG_BIT(REG_CX) | REG_BIT(REG_R11))

#ifndef __ASSEMBLER__
extern const char *const reg_names[NR_CHECK_REGS];
#endif

#endif
