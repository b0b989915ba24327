/* SPDX-License-Identifier: MIT */
/*
 * The x-ray's part of the nested tier (xray/xray_nested.c): the outer argv
 * that asks L1 for its modules' places and loads the plugin, and L1's
 * symbols once L1 has said them.  The plugin counts one instruction more
 * per VM exit than icount (the intercepted one): xray/xray.c lists it and
 * leaves it out of the sum.
 */
#ifndef EB_XRAY_NESTED_H
#define EB_XRAY_NESTED_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "run/kernel_catalog.h"
#include "run/nested.h"
#include "xray/symbols.h"

/*
 * Image e's (catalog slot) outer argv for L2's kernel command line cmdline,
 * with -plugin plugin_arg; *l2json: L2's argv.  False after saying why.
 */
bool eb_xray_nested_argv(struct eb_nested *n, size_t slot,
			 const struct eb_catalog_entry *e, const char *boot,
			 const char *cmdline, const char *plugin_arg,
			 const char **argv, json_t **l2json);

/*
 * After slot's boot: L1's kernel, modules and user space added to syms (of
 * world 1) above l2_elf's code; EB_EXIT_OK or 2 after saying why.
 */
int eb_xray_nested_symbols(const struct eb_nested *n, size_t slot,
			   const char *l2_elf, struct eb_syms *syms);

#endif
