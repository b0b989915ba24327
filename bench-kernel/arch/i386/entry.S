/*
 * Exits shared by the full-frame (pt_regs) variants, as the common tail of
 * Linux's arch/x86/entry/entry_32.S.
 */
#include <arch/calling.h>

	.text

/*
 * The IRET exit to user mode, valid for any pt_regs frame from ring 3:
 * INT 0x80 always leaves here, SYSENTER when SYSEXIT may not be used.
 * %esp points at pt_regs.  (Linux adds ESPFIX for a 16-bit user stack
 * segment here; this kernel has none.)
 */
	.globl	restore_all
restore_all:
	RESTORE_REGS			/* %esp is at the IRET frame */
	iret
