/* SPDX-License-Identifier: MIT */
/*
 * One executed instruction, decoded (Capstone): its text and what kind of
 * control transfer it is, which the x-ray needs to mark the entry and exit
 * of the kernel and to follow calls into a stack of functions.
 */
#ifndef EB_XRAY_DISASM_H
#define EB_XRAY_DISASM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum eb_insn_kind {
	EB_INSN_PLAIN,		/* falls through */
	EB_INSN_JUMP,		/* jmp, jcc, loop */
	EB_INSN_CALL,
	EB_INSN_RET,
	EB_INSN_ENTER,		/* into the kernel: syscall, sysenter, int, ud2 */
	EB_INSN_LEAVE,		/* back out: sysret, sysexit, iret */
};

struct eb_decoded {
	char text[160];		/* "mov rax, qword ptr [rsp + 8]" */
	char mnemonic[32];
	enum eb_insn_kind kind;
	bool memory;		/* has an explicit memory operand it accesses */
	uint8_t size;		/* bytes decoded */
};

struct eb_disasm;

/*
 * bits: 64 or 32 (then code above 4 GiB, a 64-bit kernel's, decodes as
 * 64-bit).  NULL if Capstone cannot be opened.
 */
struct eb_disasm *eb_disasm_open(int bits);
void eb_disasm_close(struct eb_disasm *d);

/* Decodes one instruction; false (text "(bad)") if Capstone cannot. */
bool eb_disasm_one(struct eb_disasm *d, const uint8_t *bytes, size_t size,
		   uint64_t vaddr, struct eb_decoded *out);

#endif
