/*
 * Assembly half of the NMI torture test (nmi_torture.c): windows in which
 * an NMI is made to arrive, exception entries that inject NMIs, and the
 * escape that ends a scenario whose frames are beyond repair.
 */
#include <processor-flags.h>
#include <arch/apic.h>
#include <arch/calling.h>
#include <arch/nmi_torture.h>
#include <arch/regs.h>
#include <arch/segment.h>

/*
 * A load from the unmapped address in %rdi.  The #PF handler resumes after
 * it through the fixup table, as Linux's exception table; a load that
 * faults writes nothing, so every register keeps its value.
 */
.macro TOUCH
0:	movq	(%rdi), %rax
1:	.pushsection .rodata.nmi_torture_fixup, "a"
	.quad	0b, 1b
	.popsection
.endm

	.section .rodata.nmi_torture_fixup, "a"
	.balign	8
	.globl	tw_fixups
tw_fixups:

/*
 * The instructions an NMI is made to arrive right after.  None of them
 * writes a register.  The self-NMI is the ICR's physical-destination form
 * (apic.h): the SDM allows the "self" shorthand only with the fixed
 * delivery mode, not NMI.  addr32 makes the absolute address 0xfee00300,
 * not its sign extension, without a register to hold it.
 */
.macro TRIGGER_SEND
	addr32 movl $APIC_ICR_SELF_NMI, APIC_BASE + APIC_ICR	/* the NMI arrives after this */
.endm
.macro TRIGGER_INT3
	int3				/* the #BP handler sends; its IRETQ unmasks */
.endm
.macro TRIGGER_TOUCH
	TOUCH				/* the #PF handler may send */
.endm

/* Every general register but RSP, in REG_* order, from or to \at */
.macro LOAD_GPRS at
	.irp r, rax, rcx, rdx, rbx, rsp, rbp, rsi, rdi, r8, r9, r10, r11, r12, r13, r14, r15
	.ifnc \r, rsp
	movq	\at + 8 * .Lreg_\r(%rip), %\r
	.endif
	.endr
.endm
.macro STORE_GPRS at
	.irp r, rax, rcx, rdx, rbx, rsp, rbp, rsi, rdi, r8, r9, r10, r11, r12, r13, r14, r15
	.ifnc \r, rsp
	movq	%\r, \at + 8 * .Lreg_\r(%rip)
	.endif
	.endr
.endm
	.set	.Lreg_rax, REG_AX
	.set	.Lreg_rcx, REG_CX
	.set	.Lreg_rdx, REG_DX
	.set	.Lreg_rbx, REG_BX
	.set	.Lreg_rsp, REG_SP
	.set	.Lreg_rbp, REG_BP
	.set	.Lreg_rsi, REG_SI
	.set	.Lreg_rdi, REG_DI
	.set	.Lreg_r8, REG_R8
	.set	.Lreg_r9, REG_R9
	.set	.Lreg_r10, REG_R10
	.set	.Lreg_r11, REG_R11
	.set	.Lreg_r12, REG_R12
	.set	.Lreg_r13, REG_R13
	.set	.Lreg_r14, REG_R14
	.set	.Lreg_r15, REG_R15

/* %rax = the 64-bit MSR \msr; clobbers %rcx, %rdx */
.macro READ_MSR msr
	movl	$\msr, %ecx
	rdmsr
	shlq	$32, %rdx
	orq	%rdx, %rax
.endm

/*
 * void name(void): an interruptible context.  Loads a canary into CR2, the
 * window's want[] into every general register and want_flags into RFLAGS,
 * notes RSP, runs the trigger and records everything it got back, the GS
 * bases included: a context that is resumed twice (its frame was
 * replayed) escapes at once, since its stack can no longer be trusted.
 */
.macro WINDOW name, rec, trigger
	.globl	\name
\name:
	pushq	%rbx
	pushq	%rbp
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	movq	$TW_CR2_CANARY, %rax
	movq	%rax, %cr2
	movq	%rsp, \rec+TW_rsp_before(%rip)
	pushq	\rec+TW_want_flags(%rip)
	popfq
	LOAD_GPRS \rec+TW_want
	\trigger
	pushfq				/* first: nothing below may change RFLAGS before it */
	incl	\rec+TW_resumes(%rip)
	cmpl	$1, \rec+TW_resumes(%rip)
	jne	tw_resumed_twice
	popq	\rec+TW_flags(%rip)
	STORE_GPRS \rec+TW_got
	movq	%rsp, \rec+TW_rsp(%rip)
	movq	%cr2, %rax
	movq	%rax, \rec+TW_cr2(%rip)
	READ_MSR MSR_GS_BASE
	movq	%rax, \rec+TW_gs(%rip)
	READ_MSR MSR_KERNEL_GS_BASE
	movq	%rax, \rec+TW_kgs(%rip)
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	ret
.endm

	.text
	WINDOW	tw_main_send, tw_main, TRIGGER_SEND
	WINDOW	tw_main_touch, tw_main, TRIGGER_TOUCH
	WINDOW	tw_body_int3, tw_body, TRIGGER_INT3
	WINDOW	tw_body_touch, tw_body, TRIGGER_TOUCH

/*
 * void tw_user_syscall(void *): the user's side of the SYSCALL gap
 * (nmi_gap.c), in ring 3.  Canaries into every register and RFLAGS from
 * tw_user.want[], want_flags (want[RAX] the system call), RSP from
 * tw_user.rsp_before (kernel memory or the NMI stack: nothing here may use
 * the stack until its own RSP is back), SYSCALL, and everything recorded.
 */
	.section .utext, "ax"
	.globl	tw_user_syscall, tw_user_syscall_ret
tw_user_syscall:
	pushfq				/* DF=0, as C expects it back */
	pushq	%rbx
	pushq	%rbp
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	movq	%rsp, tw_user+TW_scratch(%rip)
	pushq	tw_user+TW_want_flags(%rip)
	popfq
	LOAD_GPRS tw_user+TW_want
	movq	tw_user+TW_rsp_before(%rip), %rsp
	syscall
tw_user_syscall_ret:
	movq	%rsp, tw_user+TW_rsp(%rip)
	movq	tw_user+TW_scratch(%rip), %rsp
	pushfq
	popq	tw_user+TW_flags(%rip)
	incl	tw_user+TW_resumes(%rip)
	STORE_GPRS tw_user+TW_got
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	popfq
	ret
	.text

/* void tw_touch(unsigned long fault_address): a #PF, nothing checked */
	.globl	tw_touch
tw_touch:
	TOUCH
	ret

/* int tw_run(void (*scenario)(void)): 0, or why it escaped (TW_ESC_*) */
	.globl	tw_run
tw_run:
	pushq	%rbx
	pushq	%rbp
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	movq	%rsp, tw_escape_rsp(%rip)
	call	*%rdi
	xorl	%eax, %eax
	jmp	1f
tw_escaped:
	movl	tw_escape_why(%rip), %eax
1:	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	ret

tw_resumed_twice:
	movl	$TW_ESC_TWICE, %edi
/*
 * void tw_escape(int why): back to tw_run() from anywhere.  Through IRETQ,
 * not a jump, so that an escape from inside an NMI unblocks NMIs as the
 * NMI's own IRETQ would have.
 */
	.globl	tw_escape
tw_escape:
	movl	%edi, tw_escape_why(%rip)
	movq	tw_escape_rsp(%rip), %rax
	pushq	$__KERNEL_DS			/* HW_SS */
	pushq	%rax				/* HW_RSP */
	pushq	$X86_EFLAGS_FIXED		/* HW_RFLAGS */
	pushq	$__KERNEL_CS			/* HW_CS */
	pushq	$tw_escaped			/* HW_RIP */
	iretq

/* void tw_iret_to_self(void): unblocks NMIs, as any IRET does */
	.globl	tw_iret_to_self
tw_iret_to_self:
	movq	%rsp, %rax
	pushq	$__KERNEL_DS			/* HW_SS */
	pushq	%rax				/* HW_RSP */
	pushfq					/* HW_RFLAGS */
	pushq	$__KERNEL_CS			/* HW_CS */
	pushq	$1f				/* HW_RIP */
	iretq
1:	ret

/*
 * NMI gate for tw_block_nmis(), without IST: notes the NMI and returns
 * without IRET, so NMIs stay blocked until the next IRET.
 */
	.globl	tw_nmi_swallow
tw_nmi_swallow:
	movb	$1, tw_swallowed(%rip)
	popq	tw_swallowed_rip(%rip)		/* HW_RIP */
	addq	$(HW_RFLAGS - HW_CS), %rsp	/* skip CS */
	popfq					/* HW_RFLAGS */
	popq	%rsp				/* HW_RSP; SS is left behind */
	jmp	*tw_swallowed_rip(%rip)

/* Exceptions the scenarios take on purpose: pt_regs, C, IRETQ */
.macro TW_ENTRY name, handler, has_error_code
	.globl	\name
\name:
	.if !\has_error_code
	pushq	$-1				/* pt_regs->orig_ax */
	.endif
	PUSH_REGS
	movq	%rsp, %rdi
	call	\handler
	POP_REGS
	addq	$(RIP - ORIG_RAX), %rsp		/* skip orig_ax */
	iretq
.endm

	TW_ENTRY tw_entry_db, tw_do_db, 0
	TW_ENTRY tw_entry_bp, tw_do_bp, 0
	TW_ENTRY tw_entry_pf, tw_do_pf, 1

/* Any other exception ends the scenario as a crash */
	.irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
tw_unexpected_\v:
	movl	$(TW_ESC_VECTOR + \v), %edi
	jmp	tw_escape
	.endr

	.section .rodata
	.balign	8
	.globl	tw_unexpected
tw_unexpected:
	.irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	.quad	tw_unexpected_\v
	.endr

	.bss
	.balign	8
tw_escape_rsp:
	.skip	8
tw_escape_why:
	.skip	4
tw_swallowed_rip:
	.skip	8
	.globl	tw_swallowed
tw_swallowed:
	.skip	1

	/* Last in this file: the TOUCH entries above are all before it */
	.section .rodata.nmi_torture_fixup, "a"
	.globl	tw_fixups_end
tw_fixups_end:
