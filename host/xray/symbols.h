/* SPDX-License-Identifier: MIT */
/*
 * Code symbols for the x-ray: address -> function + offset.  One table
 * takes every source a trip's code comes from: an ELF file's symbol table
 * (the bench kernel, the linux guest's /init), a System.map, or a Linux
 * kernel's own kallsyms found in its vmlinux (xray/kallsyms.c), for
 * kernels whose packaged System.map is a stub (Debian's).
 *
 * The nested tier's x-ray adds L1's: its kernel's kallsyms and its
 * modules' .ko symbol tables placed at the section addresses L1 read in
 * /sys/module/<m>/sections (eb_syms_from_module()).  Each symbol knows its
 * world: the guest measured (0) or, under nested KVM, L1 (1).
 */
#ifndef EB_XRAY_SYMBOLS_H
#define EB_XRAY_SYMBOLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct eb_sym {
	uint64_t addr;
	char *name;
	int world;		/* 0: the guest measured; 1: L1 (nested) */
};

struct eb_syms {
	struct eb_sym *s;	/* sorted by addr once eb_syms_sort() ran */
	size_t n, cap;
	int world;		/* of the symbols added from now on */
};

void eb_syms_add(struct eb_syms *t, uint64_t addr, const char *name);
void eb_syms_sort(struct eb_syms *t);
void eb_syms_free(struct eb_syms *t);

/*
 * The code symbols of an ELF file (its executable sections): false with
 * why when it cannot be read or has no symbol table (stripped).
 */
bool eb_syms_from_elf(struct eb_syms *t, const char *path, char *why,
		      size_t size);

/*
 * len bytes of code at vaddr in an ELF file's sections, and its class
 * (*bits: 32 or 64); false if it has none there.
 */
bool eb_elf_code(const char *path, uint64_t vaddr, uint8_t *buf, size_t len,
		 int *bits);

/*
 * The end of an ELF file's highest executable section: what lies above is
 * not its code (under nested KVM, L1's user space).  0 if none.
 */
uint64_t eb_elf_code_end(const char *path);

/* Does a section of an ELF file that is loaded hold the string str (with its NUL)? */
bool eb_elf_has_string(const char *path, const char *str);

/* Where a loaded module put one of its sections (/sys/module/<m>/sections). */
struct eb_section_addr {
	const char *name;
	uint64_t addr;
};

/*
 * The code symbols of a module's .ko placed at its sections' load
 * addresses, named "<prefix>:<symbol>"; false with why (no symbol table,
 * no section of it placed).
 */
bool eb_syms_from_module(struct eb_syms *t, const char *ko, const char *prefix,
			 const struct eb_section_addr *sec, size_t nsec,
			 char *why, size_t size);

/* Text symbols (t, T, w, W) of a System.map; false with why (a stub). */
bool eb_syms_from_system_map(struct eb_syms *t, const char *path, char *why,
			     size_t size);

/* The symbol at or below addr, NULL if none; *off gets addr - its address. */
const struct eb_sym *eb_syms_find(const struct eb_syms *t, uint64_t addr,
				  uint64_t *off);

/* The address of a symbol by name (linear: a few look-ups per x-ray). */
bool eb_syms_addr(const struct eb_syms *t, const char *name, uint64_t *addr);

#endif
