/* SPDX-License-Identifier: MIT */
/* Decoding executed instructions with Capstone: xray/disasm.h. */
#include <capstone/capstone.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xray/disasm.h"

struct eb_disasm {
	csh cs;
	cs_insn *insn;
};

struct eb_disasm *eb_disasm_open(int bits)
{
	struct eb_disasm *d = calloc(1, sizeof(*d));

	if (!d)
		abort();
	if (cs_open(CS_ARCH_X86, bits == 32 ? CS_MODE_32 : CS_MODE_64,
		    &d->cs) != CS_ERR_OK) {
		free(d);
		return NULL;
	}
	cs_option(d->cs, CS_OPT_DETAIL, CS_OPT_ON);
	d->insn = cs_malloc(d->cs);
	return d;
}

void eb_disasm_close(struct eb_disasm *d)
{
	if (!d)
		return;
	cs_free(d->insn, 1);
	cs_close(&d->cs);
	free(d);
}

static bool in_group(const cs_insn *i, uint8_t group)
{
	for (uint8_t g = 0; g < i->detail->groups_count; g++)
		if (i->detail->groups[g] == group)
			return true;
	return false;
}

static enum eb_insn_kind kind_of(const cs_insn *i)
{
	switch (i->id) {
	case X86_INS_SYSCALL: case X86_INS_SYSENTER: case X86_INS_INT:
	case X86_INS_INT3: case X86_INS_INTO: case X86_INS_INT1:
	case X86_INS_UD2: case X86_INS_VMCALL: case X86_INS_VMMCALL:
		return EB_INSN_ENTER;
	case X86_INS_SYSRET: case X86_INS_SYSEXIT: case X86_INS_IRET:
	case X86_INS_IRETD: case X86_INS_IRETQ:
		return EB_INSN_LEAVE;
	}
	if (in_group(i, X86_GRP_CALL))
		return EB_INSN_CALL;
	if (in_group(i, X86_GRP_RET))
		return EB_INSN_RET;
	if (in_group(i, X86_GRP_JUMP))
		return EB_INSN_JUMP;
	return EB_INSN_PLAIN;
}

/* An operand in memory that is read or written (lea and nop only name one). */
static bool accesses_memory(const cs_insn *i)
{
	const cs_x86 *x = &i->detail->x86;

	if (i->id == X86_INS_LEA || i->id == X86_INS_NOP)
		return false;
	for (uint8_t k = 0; k < x->op_count; k++)
		if (x->operands[k].type == X86_OP_MEM)
			return true;
	return false;
}

bool eb_disasm_one(struct eb_disasm *d, const uint8_t *bytes, size_t size,
		   uint64_t vaddr, struct eb_decoded *out)
{
	const uint8_t *code = bytes;
	uint64_t addr = vaddr;

	*out = (struct eb_decoded){ .kind = EB_INSN_PLAIN };
	if (!cs_disasm_iter(d->cs, &code, &size, &addr, d->insn)) {
		snprintf(out->text, sizeof(out->text), "(bad)");
		snprintf(out->mnemonic, sizeof(out->mnemonic), "(bad)");
		return false;
	}
	snprintf(out->mnemonic, sizeof(out->mnemonic), "%s", d->insn->mnemonic);
	snprintf(out->text, sizeof(out->text), "%.31s%s%.120s",
		 d->insn->mnemonic, *d->insn->op_str ? " " : "", d->insn->op_str);
	out->kind = kind_of(d->insn);
	out->memory = accesses_memory(d->insn);
	out->size = d->insn->size;
	return true;
}
