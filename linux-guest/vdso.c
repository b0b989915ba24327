/*
 * Looking a function up in the vDSO by its ELF dynamic symbol table, as
 * Linux's tools/testing/selftests/vDSO/parse_vdso.c does (no versions
 * checked: the names used here have one version).  Calling the vDSO
 * directly, not through libc, makes sure the probe times the vDSO itself.
 */
#include <elf.h>
#include <stdbool.h>
#include <string.h>
#include <sys/auxv.h>

#include "vdso.h"

struct vdso_tables {
	const char *strtab;
	const Elf64_Sym *symtab;
	unsigned long nsyms;
	unsigned long bias;	/* load address - link address */
};

static const Elf64_Dyn *dynamic_section(const Elf64_Ehdr *eh, unsigned long *bias)
{
	const Elf64_Phdr *ph = (const void *)((const char *)eh + eh->e_phoff);
	const Elf64_Dyn *dyn = NULL;
	bool have_load = false;

	for (int i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type == PT_LOAD && !have_load) {
			*bias = (unsigned long)eh + ph[i].p_offset - ph[i].p_vaddr;
			have_load = true;
		} else if (ph[i].p_type == PT_DYNAMIC) {
			dyn = (const void *)((const char *)eh + ph[i].p_offset);
		}
	}
	return have_load ? dyn : NULL;
}

static bool tables(struct vdso_tables *t)
{
	const Elf64_Ehdr *eh = (const void *)getauxval(AT_SYSINFO_EHDR);
	const Elf64_Word *hash = NULL;
	const Elf64_Dyn *dyn;

	if (!eh || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    !(dyn = dynamic_section(eh, &t->bias)))
		return false;
	t->strtab = NULL;
	t->symtab = NULL;
	for (; dyn->d_tag != DT_NULL; dyn++) {
		const void *at = (const void *)(dyn->d_un.d_ptr + t->bias);

		if (dyn->d_tag == DT_STRTAB)
			t->strtab = at;
		else if (dyn->d_tag == DT_SYMTAB)
			t->symtab = at;
		else if (dyn->d_tag == DT_HASH)
			hash = at;
	}
	if (!t->strtab || !t->symtab || !hash)
		return false;
	t->nsyms = hash[1];	/* nchain: one per symbol */
	return true;
}

void *vdso_sym(const char *name)
{
	struct vdso_tables t = { 0 };

	if (!tables(&t))
		return NULL;
	for (unsigned long i = 0; i < t.nsyms; i++) {
		const Elf64_Sym *s = &t.symtab[i];

		if (ELF64_ST_TYPE(s->st_info) == STT_FUNC && s->st_shndx != SHN_UNDEF &&
		    !strcmp(t.strtab + s->st_name, name))
			return (void *)(s->st_value + t.bias);
	}
	return NULL;
}
