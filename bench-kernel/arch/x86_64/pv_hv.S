/*
 * The ring-0 hypervisor of the in-guest PV model (pv.h): its SYSCALL entry,
 * which tells a hypercall from a system call by the guest's mode, and the
 * hypercalls.  Xen's arch/x86/x86_64/entry.S (lstar_enter, switch_to_kernel,
 * create_bounce_frame) and do_iret() in miniature.  SYSCALL masked IF, TF,
 * DF, AC and NT (syscall_init).
 */
#include <processor-flags.h>
#include <arch/ptregs.h>
#include <arch/pv.h>
#include <arch/segment.h>

	.text
	.globl	hypervisor_syscall
hypervisor_syscall:
	movq	%rsp, pv_vcpu+VCPU_guest_sp(%rip)
	cmpb	$0, pv_vcpu+VCPU_kernel_mode(%rip)
	je	syscall_bounce

	/* A hypercall from the PV kernel: the stub saved RCX and R11 itself. */
	movq	pv_hv_stack_top(%rip), %rsp
	.globl	hypervisor_hcall_safe_stack	/* the NMI torture's SYSCALL gaps end here ... */
hypervisor_hcall_safe_stack:
	cmpq	$NR_HYPERCALLS, %rax
	jae	1f
	call	*hypercall_table(,%rax,8)	/* all but %rax preserved */
2:	movq	pv_vcpu+VCPU_guest_sp(%rip), %rsp
	/*
	 * From here to the SYSRET, ring 0 runs on the guest's stack: only
	 * an IST vector (NMI, #DF) may strike.
	 */
	sysretq
1:	movq	$-ENOSYS, %rax
	jmp	2b

/*
 * A system call from guest user mode: switch to guest kernel mode, build
 * the bounce frame on the PV kernel's stack (ss, rsp, rflags, cs, rip as a
 * hardware frame, then the RCX and R11 that delivering it by SYSRET
 * destroys) and enter the registered callback with that stack.
 */
syscall_bounce:
	movb	$1, pv_vcpu+VCPU_kernel_mode(%rip)
	movq	pv_vcpu+VCPU_kernel_sp(%rip), %rsp
	.globl	hypervisor_bounce_safe_stack	/* ... and here */
hypervisor_bounce_safe_stack:
	pushq	$__USER_DS			/* BOUNCE_ss */
	pushq	pv_vcpu+VCPU_guest_sp(%rip)	/* BOUNCE_rsp */
	pushq	%r11				/* BOUNCE_rflags */
	pushq	$__USER_CS			/* BOUNCE_cs */
	pushq	%rcx				/* BOUNCE_rip */
	pushq	%r11				/* BOUNCE_r11 */
	pushq	%rcx				/* BOUNCE_rcx */
	movq	pv_vcpu+VCPU_syscall_callback(%rip), %rcx
	movl	$X86_EFLAGS_FIXED, %r11d	/* the callback starts with clean flags */
	sysretq

	.globl	hc_enosys, hc_null, hc_iret
hc_enosys:
	movq	$-ENOSYS, %rax
	ret

hc_null:
	xorl	%eax, %eax
	ret

/*
 * The PV kernel jumped to the iret stub with struct iret_context (pv.h) on
 * its stack.  64-bit PV: the iret hypercall always ends in guest user mode
 * (kernel-to-kernel returns are a plain IRETQ in ring 3).  With
 * VGCF_in_syscall the guest lets RCX and R11 go, so SYSRET may return, as
 * after a native system call; otherwise IRETQ restores everything.  The
 * return address and the hypervisor stack are abandoned.  The guest's RIP
 * is trusted to be canonical: a real hypervisor must check it, SYSRET #GPs
 * in ring 0 on Intel otherwise.
 */
hc_iret:
	movq	pv_vcpu+VCPU_guest_sp(%rip), %rsp
	movb	$0, pv_vcpu+VCPU_kernel_mode(%rip)
	testq	$VGCF_in_syscall, IRET_flags(%rsp)
	jz	1f
	movq	IRET_rip(%rsp), %rcx
	movq	IRET_rflags(%rsp), %r11
	movq	IRET_rax(%rsp), %rax
	movq	IRET_rsp(%rsp), %rsp		/* ring 0 on the user stack: see above */
	sysretq
1:	popq	%rax
	popq	%r11
	popq	%rcx
	addq	$(IRET_rip - IRET_flags), %rsp	/* flags: %rsp is at the IRETQ frame */
	iretq

/*
 * The checks' witness of the ring the PV kernel's code runs in, off the
 * timed path: pv_watch_cs() (pv.c) puts a breakpoint on the PV kernel's
 * first instruction for the checked trip; this #DB notes the CS it
 * interrupted, disarms the breakpoint (so the timed trips run unwatched)
 * and resumes.  Nothing here touches %gs.
 */
	.globl	pv_cs_watch
pv_cs_watch:
	pushq	%rax
	movq	8+HW_CS(%rsp), %rax
	movw	%ax, pv_seen_cs(%rip)
	xorl	%eax, %eax
	movq	%rax, %dr7
	popq	%rax
	iretq
