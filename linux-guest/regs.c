/* Register names for check failures, in the order of <arch/regs.h>. */
#include <arch/regs.h>

#ifdef __x86_64__
const char *const reg_names[NR_CHECK_REGS] = {
	[REG_AX] = "rax", [REG_CX] = "rcx", [REG_DX] = "rdx", [REG_BX] = "rbx",
	[REG_SP] = "rsp", [REG_BP] = "rbp", [REG_SI] = "rsi", [REG_DI] = "rdi",
	[REG_R8] = "r8", [REG_R9] = "r9", [REG_R10] = "r10", [REG_R11] = "r11",
	[REG_R12] = "r12", [REG_R13] = "r13", [REG_R14] = "r14", [REG_R15] = "r15",
	[REG_FLAGS] = "rflags",
};
#else
const char *const reg_names[NR_CHECK_REGS] = {
	[REG_AX] = "eax", [REG_CX] = "ecx", [REG_DX] = "edx", [REG_BX] = "ebx",
	[REG_SP] = "esp", [REG_BP] = "ebp", [REG_SI] = "esi", [REG_DI] = "edi",
	[REG_FLAGS] = "eflags",
};
#endif
