/* SPDX-License-Identifier: MIT */
/* Decoding executed instructions with Capstone: xray/disasm.h. */
#include <capstone/capstone.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xray/disasm.h"

/*
 * One Capstone handle per mode: bits's, and for 32-bit code a 64-bit one
 * for what runs above 4 GiB (a 32-bit process's trip through a 64-bit
 * kernel: the linux guest's 32-bit helper).
 */
struct eb_disasm {
	csh cs, cs64;
	cs_insn *insn, *insn64;
	bool has64;
};

static bool open_mode(cs_mode mode, csh *cs, cs_insn **insn)
{
	if (cs_open(CS_ARCH_X86, mode, cs) != CS_ERR_OK)
		return false;
	cs_option(*cs, CS_OPT_DETAIL, CS_OPT_ON);
	*insn = cs_malloc(*cs);
	return true;
}

struct eb_disasm *eb_disasm_open(int bits)
{
	struct eb_disasm *d = calloc(1, sizeof(*d));

	if (!d)
		abort();
	if (!open_mode(bits == 32 ? CS_MODE_32 : CS_MODE_64, &d->cs, &d->insn)) {
		free(d);
		return NULL;
	}
	d->has64 = bits == 32 && open_mode(CS_MODE_64, &d->cs64, &d->insn64);
	return d;
}

void eb_disasm_close(struct eb_disasm *d)
{
	if (!d)
		return;
	cs_free(d->insn, 1);
	cs_close(&d->cs);
	if (d->has64) {
		cs_free(d->insn64, 1);
		cs_close(&d->cs64);
	}
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
	bool wide = d->has64 && vaddr > UINT32_MAX;
	csh cs = wide ? d->cs64 : d->cs;
	cs_insn *insn = wide ? d->insn64 : d->insn;

	*out = (struct eb_decoded){ .kind = EB_INSN_PLAIN };
	if (!cs_disasm_iter(cs, &code, &size, &addr, insn)) {
		snprintf(out->text, sizeof(out->text), "(bad)");
		snprintf(out->mnemonic, sizeof(out->mnemonic), "(bad)");
		return false;
	}
	snprintf(out->mnemonic, sizeof(out->mnemonic), "%s", insn->mnemonic);
	snprintf(out->text, sizeof(out->text), "%.31s%s%.120s",
		 insn->mnemonic, *insn->op_str ? " " : "", insn->op_str);
	out->kind = kind_of(insn);
	out->memory = accesses_memory(insn);
	out->size = insn->size;
	return true;
}
