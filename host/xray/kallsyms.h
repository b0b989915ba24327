/* SPDX-License-Identifier: MIT */
/*
 * A Linux kernel's text symbols from its own kallsyms tables, found in a
 * vmlinux without a symbol table (a bzImage's payload, stripped).
 * Debian's System.map is a stub that points at the -dbg package (about a
 * gigabyte), but every kernel built with CONFIG_KALLSYMS carries what
 * /proc/kallsyms prints, compressed in .rodata (scripts/kallsyms.c):
 *
 *	kallsyms_offsets[N], kallsyms_relative_base, kallsyms_num_syms,
 *	kallsyms_names, kallsyms_markers, [kallsyms_seqs_of_names,]
 *	kallsyms_token_table, kallsyms_token_index
 *
 * each 8-aligned (Linux 6.1 and 6.2/6.3; 6.4 moved the offsets after
 * token_index, which is tried too).  The token table is found by its
 * shape: 256 NUL-terminated strings followed by their own offsets.
 */
#ifndef EB_XRAY_KALLSYMS_H
#define EB_XRAY_KALLSYMS_H

#include <stdbool.h>
#include <stddef.h>

#include "xray/symbols.h"

/* Adds the kernel's t/T/w/W symbols; false with why if there are none. */
bool eb_syms_from_kallsyms(struct eb_syms *t, const char *vmlinux, char *why,
			   size_t size);

#endif
