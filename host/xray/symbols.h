/* SPDX-License-Identifier: MIT */
/*
 * Code symbols for the x-ray: address -> function + offset.  One table
 * takes every source a trip's code comes from: an ELF file's symbol table
 * (the bench kernel, the linux guest's /init), a System.map, or a Linux
 * kernel's own kallsyms found in its vmlinux (xray/kallsyms.c), for
 * kernels whose packaged System.map is a stub (Debian's).
 *
 * Module symbols (a nested tier's L1: kvm.ko at the addresses
 * /sys/module/<m>/sections/.text gives inside the guest) are one more
 * source: eb_syms_add() with the module's base; nothing calls it yet.
 */
#ifndef EB_XRAY_SYMBOLS_H
#define EB_XRAY_SYMBOLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct eb_sym {
	uint64_t addr;
	char *name;
};

struct eb_syms {
	struct eb_sym *s;	/* sorted by addr once eb_syms_sort() ran */
	size_t n, cap;
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

/* Text symbols (t, T, w, W) of a System.map; false with why (a stub). */
bool eb_syms_from_system_map(struct eb_syms *t, const char *path, char *why,
			     size_t size);

/* The symbol at or below addr, NULL if none; *off gets addr - its address. */
const struct eb_sym *eb_syms_find(const struct eb_syms *t, uint64_t addr,
				  uint64_t *off);

/* The address of a symbol by name (linear: a few look-ups per x-ray). */
bool eb_syms_addr(const struct eb_syms *t, const char *name, uint64_t *addr);

#endif
