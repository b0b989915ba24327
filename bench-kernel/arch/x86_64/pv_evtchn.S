/*
 * The event channel hypervisor (pv_evtchn.h): the in-guest hypervisor of
 * pv_hv.S plus Xen's test_all_events on every exit to the guest,
 * create_bounce_frame for the event upcall, the event send hypercall, a
 * long preemptible hypercall with Xen's continuation, and an iret
 * hypercall that restores the event mask (do_iret).  Assembled twice:
 * plain (the timed round trips) and traced (the same instructions plus
 * TRACE calls into pv_evtchn.c for the checks and the torture).
 *
 * While it runs, every guest register is live except %rax (the hypercall's
 * answer), %rcx and %r11 (what SYSCALL took): a bounce keeps them all, so
 * the upcall entry saves exactly what it interrupted.
 */
#include <processor-flags.h>
#include <arch/pv_evtchn.h>
#include <arch/ptregs.h>
#include <arch/segment.h>

/*
 * Traced twin only: call a hook of pv_evtchn.c with every guest register
 * preserved (RFLAGS is not: no caller tests flags across it).
 */
.macro TRACE fn
	pushq	%rax
	pushq	%rcx
	pushq	%rdx
	pushq	%rsi
	pushq	%rdi
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%rbp
	movq	%rsp, %rbp
	andq	$-16, %rsp
	call	\fn
	movq	%rbp, %rsp
	popq	%rbp
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rdi
	popq	%rsi
	popq	%rdx
	popq	%rcx
	popq	%rax
.endm

.macro TRACED traced, fn
	.if \traced
	TRACE	\fn
	.endif
.endm

.macro HV_EVTCHN t, traced
	.text
/*
 * SYSCALL from the PV kernel: a hypercall, then test_all_events.  Guest
 * user mode does not occur in the event variants (pv_evtchn.h).
 */
	.globl	hypervisor_syscall_evtchn\t
hypervisor_syscall_evtchn\t:
	movq	%rsp, pv_vcpu+VCPU_guest_sp(%rip)
	cmpb	$0, pv_vcpu+VCPU_kernel_mode(%rip)
	je	hv_no_user_mode
	movq	pv_hv_stack_top(%rip), %rsp
	cmpq	$NR_HYPERCALLS, %rax
	jae	1f
	call	*hypercall_table_evtchn\t(,%rax,8)	/* all but %rax kept, or a continuation */
2:	cmpb	$0, pv_vcpu_info+VI_upcall_mask(%rip)	/* test_all_events */
	jne	3f
	cmpb	$0, pv_vcpu_info+VI_upcall_pending(%rip)
	jne	4f
3:	movq	pv_vcpu+VCPU_guest_sp(%rip), %rsp
	sysretq				/* ring 0 on the guest stack: see pv_hv.S */
1:	movq	$-ENOSYS, %rax
	jmp	2b
4:	movq	%rcx, pv_evtchn+EVT_rip(%rip)	/* the context SYSRET would return to */
	movq	%r11, pv_evtchn+EVT_rflags(%rip)
	movq	%rcx, pv_evtchn+EVT_rcx(%rip)
	movq	%r11, pv_evtchn+EVT_r11(%rip)
	jmp	hv_bounce_event\t

/*
 * create_bounce_frame for the event callback: the context in pv_evtchn
 * (RIP, RFLAGS, RCX, R11) and pv_vcpu.guest_sp (RSP), every other register
 * live.  On the stack the guest kernel was using, 16-byte aligned as Xen
 * does; from guest user mode on the registered kernel stack.
 */
	.globl	hv_bounce_event\t
hv_bounce_event\t:
	cmpb	$0, pv_vcpu+VCPU_kernel_mode(%rip)
	je	1f
	movq	pv_vcpu+VCPU_guest_sp(%rip), %rsp
	andq	$-16, %rsp
	pushq	$__USER_DS			/* BOUNCE_ss */
	pushq	pv_vcpu+VCPU_guest_sp(%rip)	/* BOUNCE_rsp */
	pushq	pv_evtchn+EVT_rflags(%rip)	/* BOUNCE_rflags */
	pushq	$(__USER_CS & ~3)		/* BOUNCE_cs: guest kernel mode reads RPL 0 */
	jmp	2f
1:	movb	$1, pv_vcpu+VCPU_kernel_mode(%rip)
	movq	pv_vcpu+VCPU_kernel_sp(%rip), %rsp
	pushq	$__USER_DS
	pushq	pv_vcpu+VCPU_guest_sp(%rip)
	pushq	pv_evtchn+EVT_rflags(%rip)
	pushq	$__USER_CS			/* guest user mode: RPL 3 */
2:	andq	$~X86_EFLAGS_IF, HW_RFLAGS-HW_CS(%rsp)	/* IF = !upcall_mask */
	cmpb	$0, pv_vcpu_info+VI_upcall_mask(%rip)
	jne	3f
	orq	$X86_EFLAGS_IF, HW_RFLAGS-HW_CS(%rsp)
3:	pushq	pv_evtchn+EVT_rip(%rip)		/* BOUNCE_rip */
	pushq	pv_evtchn+EVT_r11(%rip)		/* BOUNCE_r11 */
	pushq	pv_evtchn+EVT_rcx(%rip)		/* BOUNCE_rcx */
	movb	$1, pv_vcpu_info+VI_upcall_mask(%rip)	/* CALLBACKF_mask_events */
	.if \traced
	movq	%rsp, pv_evtchn+EVT_frame(%rip)
	TRACE	hv_trace_bounce
	.endif
	movq	pv_evtchn+EVT_callback(%rip), %rcx
	movq	pv_evtchn+EVT_callback_flags(%rip), %r11
	sysretq

/* evtchn_set_pending() of the port in EVT_raise_port; every register kept */
hv_raise_event\t:
	pushq	%rax
	movq	pv_evtchn+EVT_raise_port(%rip), %rax
	btsq	%rax, pv_vcpu_info+VI_pending(%rip)
	movb	$1, pv_vcpu_info+VI_upcall_pending(%rip)
	.if \traced
	movq	%rax, pv_evtchn+EVT_port(%rip)
	TRACE	hv_trace_raise
	.endif
	popq	%rax
	ret

/* HC_evtchn_send(port): an event to this vCPU, as EVTCHNOP_send on an IPI port */
hc_evtchn_send\t:
	cmpq	$NR_EVTCHN, %rdi
	jae	1f
	btsq	%rdi, pv_vcpu_info+VI_pending(%rip)
	movb	$1, pv_vcpu_info+VI_upcall_pending(%rip)
	.if \traced
	movq	%rdi, pv_evtchn+EVT_port(%rip)
	TRACE	hv_trace_raise
	.endif
	xorl	%eax, %eax
	ret
1:	movq	$-EINVAL, %rax
	ret

/*
 * HC_preemptible(steps = %rdi, acc = %rsi): %rax = acc after the steps.
 * The continuation leaves the rest of the work in %rdi and %rsi, as Xen's
 * hypercall_create_continuation() rewrites the guest's argument registers.
 */
hc_preemptible\t:
	TRACED	\traced, hv_trace_hcall_enter
1:	testq	%rdi, %rdi
	jz	9f
	imulq	$PV_HC_MUL, %rsi
	addq	%rdi, %rsi			/* one step of work */
	btq	%rdi, pv_evtchn+EVT_raise_steps(%rip)
	jnc	2f
	call	hv_raise_event\t		/* an interrupt came during this step */
2:	decq	%rdi
	jz	9f
	cmpb	$0, pv_vcpu_info+VI_upcall_mask(%rip)	/* hypercall_preempt_check() */
	jne	1b
	cmpb	$0, pv_vcpu_info+VI_upcall_pending(%rip)
	je	1b
	subq	$2, %rcx			/* back to the stub's SYSCALL (0f 05) */
	movl	$HC_preemptible, %eax		/* which it re-executes */
	TRACED	\traced, hv_trace_continuation
	ret
9:	movq	%rsi, %rax
	TRACED	\traced, hv_trace_hcall_done
	ret

/*
 * HC_iret (the upcall's return, through the iret stub): do_iret() with
 * the event mask restored from the frame's IF, guest user mode when CS has
 * RPL 3, then test_all_events on the context it returns to.  VGCF_in_syscall
 * is not looked at: the upcall returns with flags 0.  The frame's IF is the
 * virtual one; the hardware IF the guest gets back is always set, as Xen's
 * do_iret() forces it (a PV guest never runs with real interrupts off, the
 * mask is its IF).
 */
hc_iret_evtchn\t:
	movq	pv_vcpu+VCPU_guest_sp(%rip), %rsp	/* struct iret_context */
	TRACED	\traced, hv_trace_iret
	testq	$X86_EFLAGS_IF, IRET_rflags(%rsp)
	setz	pv_vcpu_info+VI_upcall_mask(%rip)
	testb	$3, IRET_cs(%rsp)
	jz	1f
	movb	$0, pv_vcpu+VCPU_kernel_mode(%rip)
1:	cmpb	$0, pv_vcpu_info+VI_upcall_mask(%rip)	/* test_all_events */
	jne	2f
	cmpb	$0, pv_vcpu_info+VI_upcall_pending(%rip)
	jne	3f
2:	popq	%rax
	popq	%r11
	popq	%rcx
	addq	$(IRET_rip - IRET_flags), %rsp	/* at the IRETQ frame */
	movq	$__USER_CS, HW_CS(%rsp)		/* the model's ring 3 for either mode */
	orq	$X86_EFLAGS_IF, HW_RFLAGS(%rsp)	/* hardware IF: on, as Xen forces it */
	iretq
3:	pushq	IRET_rip(%rsp)			/* an event waits: bounce from the */
	popq	pv_evtchn+EVT_rip(%rip)		/* context instead of returning to it */
	pushq	IRET_rflags(%rsp)
	popq	pv_evtchn+EVT_rflags(%rip)
	pushq	IRET_rcx(%rsp)
	popq	pv_evtchn+EVT_rcx(%rip)
	pushq	IRET_r11(%rsp)
	popq	pv_evtchn+EVT_r11(%rip)
	pushq	IRET_rsp(%rsp)
	popq	pv_vcpu+VCPU_guest_sp(%rip)
	movq	IRET_rax(%rsp), %rax
	jmp	hv_bounce_event\t

	.globl	hc_evtchn_send\t, hc_preemptible\t, hc_iret_evtchn\t
.endm

	HV_EVTCHN , 0
	HV_EVTCHN _traced, 1

/* A SYSCALL from guest user mode: not in the event variants (pv_evtchn.h) */
hv_no_user_mode:
	ud2
