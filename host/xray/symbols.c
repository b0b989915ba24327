/* SPDX-License-Identifier: MIT */
/* Code symbols for the x-ray: xray/symbols.h. */
#include <fcntl.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xray/symbols.h"

void eb_syms_add(struct eb_syms *t, uint64_t addr, const char *name)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 1024;
		t->s = realloc(t->s, t->cap * sizeof(*t->s));
		if (!t->s)
			abort();
	}
	t->s[t->n].addr = addr;
	t->s[t->n].world = t->world;
	t->s[t->n].name = strdup(name);
	if (!t->s[t->n].name)
		abort();
	t->n++;
}

/*
 * By address; of aliases, the name with the fewest leading underscores,
 * then the alphabetically first: a choice that does not hang on qsort.
 */
static int by_addr(const void *a, const void *b)
{
	const struct eb_sym *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	size_t ux = strspn(x->name, "_"), uy = strspn(y->name, "_");
	if (ux != uy)
		return ux < uy ? -1 : 1;
	return strcmp(x->name, y->name);
}

void eb_syms_sort(struct eb_syms *t)
{
	size_t out = 0;

	qsort(t->s, t->n, sizeof(*t->s), by_addr);
	for (size_t i = 0; i < t->n; i++) {
		if (out && t->s[out - 1].addr == t->s[i].addr) {
			free(t->s[i].name);
			continue;
		}
		t->s[out++] = t->s[i];
	}
	t->n = out;
}

void eb_syms_free(struct eb_syms *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->s[i].name);
	free(t->s);
	*t = (struct eb_syms){ 0 };
}

const struct eb_sym *eb_syms_find(const struct eb_syms *t, uint64_t addr,
				  uint64_t *off)
{
	size_t lo = 0, hi = t->n;

	while (lo < hi) {		/* first symbol above addr */
		size_t mid = lo + (hi - lo) / 2;
		if (t->s[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return NULL;
	*off = addr - t->s[lo - 1].addr;
	return &t->s[lo - 1];
}

bool eb_syms_addr(const struct eb_syms *t, const char *name, uint64_t *addr)
{
	for (size_t i = 0; i < t->n; i++) {
		if (strcmp(t->s[i].name, name) == 0) {
			*addr = t->s[i].addr;
			return true;
		}
	}
	return false;
}

/* A symbol worth naming code by: in an executable section, not a label
 * of the assembler's own (.L) or a section or file symbol. */
static bool code_symbol(Elf *e, const GElf_Sym *s, const char *name)
{
	GElf_Shdr sh;
	Elf_Scn *scn;
	int type = GELF_ST_TYPE(s->st_info);

	if (!name || !*name || name[0] == '.' || s->st_shndx == SHN_UNDEF ||
	    s->st_shndx >= SHN_LORESERVE)
		return false;
	if (type != STT_FUNC && type != STT_NOTYPE)
		return false;
	scn = elf_getscn(e, s->st_shndx);
	return scn && gelf_getshdr(scn, &sh) && (sh.sh_flags & SHF_EXECINSTR);
}

/* The symbols of one SHT_SYMTAB section; how many were code. */
static size_t add_symtab(struct eb_syms *t, Elf *e, Elf_Scn *scn,
			 const GElf_Shdr *sh)
{
	Elf_Data *d = elf_getdata(scn, NULL);
	size_t n = sh->sh_entsize ? sh->sh_size / sh->sh_entsize : 0, added = 0;

	for (size_t i = 0; d && i < n; i++) {
		GElf_Sym s;
		const char *name;
		if (!gelf_getsym(d, (int)i, &s))
			continue;
		name = elf_strptr(e, sh->sh_link, s.st_name);
		if (!code_symbol(e, &s, name))
			continue;
		eb_syms_add(t, s.st_value, name);
		added++;
	}
	return added;
}

bool eb_syms_from_elf(struct eb_syms *t, const char *path, char *why,
		      size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	Elf *e = NULL;
	Elf_Scn *scn = NULL;
	size_t added = 0;

	if (fd < 0) {
		snprintf(why, size, "%s: cannot open: %m", path);
		return false;
	}
	elf_version(EV_CURRENT);
	e = elf_begin(fd, ELF_C_READ, NULL);
	if (!e || elf_kind(e) != ELF_K_ELF) {
		snprintf(why, size, "%s: not an ELF file", path);
		goto out;
	}
	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		if (gelf_getshdr(scn, &sh) && sh.sh_type == SHT_SYMTAB)
			added += add_symtab(t, e, scn, &sh);
	}
	if (!added)
		snprintf(why, size, "%s has no symbol table (stripped): the x-ray "
			 "cannot name its code", path);
out:
	if (e)
		elf_end(e);
	close(fd);
	return added > 0;
}

/* The section of e holding [vaddr, vaddr + len) copied into buf. */
static bool copy_code(Elf *e, uint64_t vaddr, uint8_t *buf, size_t len)
{
	Elf_Scn *scn = NULL;

	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		Elf_Data *d;
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_PROGBITS ||
		    vaddr < sh.sh_addr || vaddr + len > sh.sh_addr + sh.sh_size)
			continue;
		d = elf_getdata(scn, NULL);
		if (!d || !d->d_buf || vaddr - sh.sh_addr + len > d->d_size)
			return false;
		memcpy(buf, (const uint8_t *)d->d_buf + (vaddr - sh.sh_addr), len);
		return true;
	}
	return false;
}

bool eb_elf_code(const char *path, uint64_t vaddr, uint8_t *buf, size_t len,
		 int *bits)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	Elf *e;
	bool ok = false;

	if (fd < 0)
		return false;
	elf_version(EV_CURRENT);
	e = elf_begin(fd, ELF_C_READ, NULL);
	if (e && elf_kind(e) == ELF_K_ELF) {
		*bits = gelf_getclass(e) == ELFCLASS32 ? 32 : 64;
		ok = copy_code(e, vaddr, buf, len);
	}
	if (e)
		elf_end(e);
	close(fd);
	return ok;
}

bool eb_syms_from_system_map(struct eb_syms *t, const char *path, char *why,
			     size_t size)
{
	FILE *f = fopen(path, "re");
	char line[512], type, name[256];
	unsigned long long addr;
	size_t added = 0;

	if (!f) {
		snprintf(why, size, "%s: cannot open: %m", path);
		return false;
	}
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%llx %c %255s", &addr, &type, name) != 3)
			continue;
		if (strchr("tTwW", type)) {
			eb_syms_add(t, addr, name);
			added++;
		}
	}
	fclose(f);
	if (!added)
		snprintf(why, size, "%s lists no text symbol (a stub System.map?)",
			 path);
	return added > 0;
}

uint64_t eb_elf_code_end(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	Elf *e;
	Elf_Scn *scn = NULL;
	uint64_t end = 0;

	if (fd < 0)
		return 0;
	elf_version(EV_CURRENT);
	e = elf_begin(fd, ELF_C_READ, NULL);
	while (e && elf_kind(e) == ELF_K_ELF && (scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		if (gelf_getshdr(scn, &sh) && (sh.sh_flags & SHF_EXECINSTR) &&
		    sh.sh_addr + sh.sh_size > end)
			end = sh.sh_addr + sh.sh_size;
	}
	if (e)
		elf_end(e);
	close(fd);
	return end;
}

/* The load address of section scn of a module, from L1's list. */
static bool placed(Elf *e, size_t shstrndx, Elf_Scn *scn,
		   const struct eb_section_addr *sec, size_t nsec, uint64_t *addr)
{
	GElf_Shdr sh;
	const char *name;

	if (!scn || !gelf_getshdr(scn, &sh) || !(sh.sh_flags & SHF_EXECINSTR))
		return false;
	name = elf_strptr(e, shstrndx, sh.sh_name);
	for (size_t i = 0; name && i < nsec; i++)
		if (strcmp(sec[i].name, name) == 0) {
			*addr = sec[i].addr;
			return true;
		}
	return false;
}

/* A module's symtab: each code symbol at its section's address + value. */
static size_t add_module_symtab(struct eb_syms *t, Elf *e, Elf_Scn *symscn,
				const char *prefix,
				const struct eb_section_addr *sec, size_t nsec)
{
	GElf_Shdr sh;
	Elf_Data *d = elf_getdata(symscn, NULL);
	size_t shstrndx, added = 0;
	char name[512];

	if (!gelf_getshdr(symscn, &sh) || !d || elf_getshdrstrndx(e, &shstrndx))
		return 0;
	for (size_t i = 0; sh.sh_entsize && i < sh.sh_size / sh.sh_entsize; i++) {
		GElf_Sym s;
		uint64_t base;
		const char *n;
		if (!gelf_getsym(d, (int)i, &s))
			continue;
		n = elf_strptr(e, sh.sh_link, s.st_name);
		if (!code_symbol(e, &s, n) ||
		    !placed(e, shstrndx, elf_getscn(e, s.st_shndx), sec, nsec, &base))
			continue;
		snprintf(name, sizeof(name), "%s:%s", prefix, n);
		eb_syms_add(t, base + s.st_value, name);
		added++;
	}
	return added;
}

bool eb_syms_from_module(struct eb_syms *t, const char *ko, const char *prefix,
			 const struct eb_section_addr *sec, size_t nsec,
			 char *why, size_t size)
{
	int fd = open(ko, O_RDONLY | O_CLOEXEC);
	Elf *e;
	Elf_Scn *scn = NULL;
	size_t added = 0;

	if (fd < 0) {
		snprintf(why, size, "%s: cannot open: %m", ko);
		return false;
	}
	elf_version(EV_CURRENT);
	e = elf_begin(fd, ELF_C_READ, NULL);
	while (e && elf_kind(e) == ELF_K_ELF && (scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		if (gelf_getshdr(scn, &sh) && sh.sh_type == SHT_SYMTAB)
			added += add_module_symtab(t, e, scn, prefix, sec, nsec);
	}
	if (e)
		elf_end(e);
	close(fd);
	if (!added)
		snprintf(why, size, "%s: no code symbol in the sections L1 "
			 "placed (no symbol table?)", ko);
	return added > 0;
}

/* memmem of str with its NUL, at its start or after a NUL: a whole string. */
static bool holds(const char *buf, size_t n, const char *str)
{
	size_t len = strlen(str) + 1;

	for (const char *p = buf; n >= len && (p = memmem(p, n - (p - buf), str, len));
	     p++)
		if (p == buf || p[-1] == '\0')
			return true;
	return false;
}

bool eb_elf_has_string(const char *path, const char *str)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	Elf *e;
	Elf_Scn *scn = NULL;
	bool found = false;

	if (fd < 0)
		return false;
	elf_version(EV_CURRENT);
	e = elf_begin(fd, ELF_C_READ, NULL);
	while (!found && e && elf_kind(e) == ELF_K_ELF && (scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		Elf_Data *d;
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_PROGBITS ||
		    !(sh.sh_flags & SHF_ALLOC) || !(d = elf_getdata(scn, NULL)) ||
		    !d->d_buf)
			continue;
		found = holds(d->d_buf, d->d_size, str);
	}
	if (e)
		elf_end(e);
	close(fd);
	return found;
}
