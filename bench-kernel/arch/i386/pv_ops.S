/*
 * The native backends of the pv-ops hook points (pv_ops.h): what a
 * paravirtualised kernel calls through pv_ops when it finds itself on bare
 * hardware.  Each preserves every register, as Linux's callee-save thunks
 * (PV_CALLEE_SAVE) let the call sites assume.
 */
	.text
	.globl	native_irq_disable, native_irq_enable, native_iret
native_irq_disable:
	cli
	ret

native_irq_enable:
	sti
	ret

/* Jumped to with %esp at the IRET frame: the op replaces the instruction. */
native_iret:
	iret
