/*
 * sysenter-sti-32's probe interrupt, shared by its .S (which sends it) and
 * its .c (which installs its gate and judges where it struck).  Plain
 * numbers: the assembler reads them too.
 */
#ifndef SYSENTER_STI_32_H
#define SYSENTER_STI_32_H

#define APIC_BASE		0xfee00000
#define APIC_EOI		0xb0
#define APIC_SPIV		0xf0
#define  APIC_SPIV_APIC_ENABLED	(1 << 8)
#define APIC_ICR		0x300
#define  APIC_DEST_SELF		(1 << 18)	/* shorthand; fixed delivery mode is 0 */
#define VEC_SPURIOUS		0xff
#define VEC_STI_PROBE		0xe0

#endif
