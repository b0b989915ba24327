/*
 * The ring-0 hypervisor of the in-guest PV model (pv.h): the hypercall
 * entry, the hypercalls, and the bounce of a trap into the ring-1 PV kernel.
 * Xen's arch/x86/x86_32/entry.S (hypercall, create_bounce_frame) and
 * do_iret() in miniature.  The hardware frame below is the one an INT from
 * ring 1 or ring 3 pushes on tss.ss0:sp0.
 */
#include <processor-flags.h>
#include <arch/ptregs.h>
#include <arch/pv.h>
#include <arch/segment.h>

	.text
/*
 * int $0x82 from a hypercall stub, through a DPL-1 interrupt gate: ring 3
 * cannot get here, ring 1 can.  Every handler preserves all but %eax.
 */
	.globl	hypervisor_call
hypervisor_call:
	cmpl	$NR_HYPERCALLS, %eax
	jae	1f
	call	*hypercall_table(,%eax,4)
	iret
1:	movl	$-ENOSYS, %eax
	iret

	.globl	hc_enosys, hc_null, hc_irq_disable, hc_irq_enable, hc_iret
hc_enosys:
	movl	$-ENOSYS, %eax
	ret

hc_null:
	xorl	%eax, %eax
	ret

/* VMI's CLI and STI: only the virtual mask changes; %eax keeps the number. */
hc_irq_disable:
	movb	$1, pv_vcpu+VCPU_upcall_mask
	ret

hc_irq_enable:
	movb	$0, pv_vcpu+VCPU_upcall_mask
	ret

/*
 * The PV kernel jumped to the iret stub, which pushed %eax on top of an IRET
 * frame on the ring-1 stack: struct iret_context (pv.h).  Return to where it
 * says and take the virtual interrupt mask from its EFLAGS.IF in the same
 * step: the atomicity a deprivileged IRET cannot have ([vmi-hooks]).  Real IF
 * passes through as the guest asked; Xen forces it on (a PV guest never
 * runs with real interrupts off), which is the same for a user with IF set
 * -- Linux's every user, and the checked trip.  The timed trips' ring 3
 * starts with IF clear and keeps it so; nothing here interrupts.  The 0x82
 * frame and the return address are abandoned: the next entry starts again
 * at tss.sp0.
 */
hc_iret:
	movl	4+HW_ESP(%esp), %eax		/* the PV kernel's %esp: the context */
	testb	$3, IRET_cs(%eax)
	jz	1f				/* a guest never returns into ring 0 */
	btl	$X86_EFLAGS_IF_BIT, IRET_eflags(%eax)
	setnc	pv_vcpu+VCPU_upcall_mask
	pushl	IRET_ss(%eax)
	pushl	IRET_esp(%eax)
	pushl	IRET_eflags(%eax)
	pushl	IRET_cs(%eax)
	pushl	IRET_eip(%eax)
	movl	IRET_eax(%eax), %eax
	iret
1:	ud2					/* ends the run with a panic record */

/*
 * int 0x80 from ring 3 when the PV kernel has no fast trap for it: a DPL-3
 * gate to ring 0.  Copy the hardware frame onto the PV kernel's stack, then
 * IRET into its registered handler in ring 1 with that copy on top of its
 * stack, as if the CPU had delivered the trap there itself.  EFLAGS stays
 * in place: both frames carry the user's.
 */
	.globl	hypervisor_int80
hypervisor_int80:
	pushl	%eax				/* the system call number, untouched */
	movl	pv_vcpu+VCPU_kernel_sp, %eax
	subl	$SIZEOF_HW_FRAME, %eax		/* the bounce frame */
	/* a PUSH from (%esp) addresses the stack before it moves */
	pushl	4+HW_EIP(%esp)
	popl	HW_EIP(%eax)
	pushl	4+HW_CS(%esp)
	popl	HW_CS(%eax)
	pushl	4+HW_EFLAGS(%esp)
	popl	HW_EFLAGS(%eax)
	pushl	4+HW_ESP(%esp)
	popl	HW_ESP(%eax)
	pushl	4+HW_SS(%esp)
	popl	HW_SS(%eax)
	movl	%eax, 4+HW_ESP(%esp)
	movl	$__PV_KERNEL_DS, 4+HW_SS(%esp)
	movl	$__PV_KERNEL_CS, 4+HW_CS(%esp)
	movl	pv_vcpu+VCPU_int80_handler, %eax
	movl	%eax, 4+HW_EIP(%esp)
	popl	%eax
	iret

/*
 * The checks' witness of the ring the PV kernel's code runs in, off the
 * timed path: pv_watch_cs() (pv.c) puts a breakpoint on the PV kernel's
 * first instruction for the checked trip; this #DB notes the CS it
 * interrupted, disarms the breakpoint (so the timed trips run unwatched)
 * and resumes.  SS is the kernel's here, DS may not be.
 */
	.globl	pv_cs_watch
pv_cs_watch:
	pushl	%eax
	movl	8(%esp), %eax			/* CS, above EIP */
	movw	%ax, %ss:pv_seen_cs
	xorl	%eax, %eax
	movl	%eax, %dr7
	popl	%eax
	iret
