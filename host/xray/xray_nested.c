/* SPDX-License-Identifier: MIT */
/*
 * The x-ray in the nested tier (xray/xray_run.h): the plugin runs in the
 * outer QEMU, so it sees L2's code (the bench kernel) and L1's handling of
 * every VM exit, L1's kernel, its kvm and kvm_amd modules, its user space
 * (the QEMU running L2).  Symbols of the world L1: its kernel's own
 * kallsyms ("vmlinux:"), each module's .ko symbol table placed at the
 * section addresses L1's /init read in /sys/module and printed on L1's
 * console (protocol.h, EB_NESTED_FWCFG_SECTIONS), and one name for
 * everything above the bench kernel's code: L1's user space.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <entrybench/protocol.h>

#include "lib/cli.h"
#include "lib/command.h"
#include "run/nested.h"
#include "tiers/nested.h"
#include "tiers/tier.h"
#include "xray/kallsyms.h"
#include "xray/xray_nested.h"

#define MAX_MODULES	16
#define MAX_SECTIONS	64
#define L1_USER		"[L1 user space]"

struct module {
	char name[64];
	struct eb_section_addr sec[MAX_SECTIONS];
	char secname[MAX_SECTIONS][64];
	size_t nsec;
};

bool eb_xray_nested_argv(struct eb_nested *n, size_t slot,
			 const struct eb_catalog_entry *e, const char *boot, const char *cmdline,
			 const char *plugin_arg, const char **argv, json_t **l2json)
{
	const char *l2[EB_QEMU_MAXARGS];
	char err[512];
	int k;

	eb_qemu_argv(l2, eb_nested_l2_qemu(n), eb_tier(eb_tier("nested")->inner),
		     eb_boot_machine(boot), EB_NESTED_L2_KERNEL, cmdline);
	if (!eb_nested_wrap(n, slot, e->qemu, e->path, l2, argv, err, sizeof(err))) {
		eb_error("xray: %s", err);
		return false;
	}
	*l2json = json_array();
	for (int i = 0; l2[i]; i++)
		json_array_append_new(*l2json, json_string(l2[i]));
	for (k = 0; argv[k]; k++)
		;
	argv[k++] = "-fw_cfg";
	argv[k++] = "name=" EB_NESTED_FWCFG_SECTIONS ",string=1";
	argv[k++] = "-plugin";
	argv[k++] = plugin_arg;
	argv[k] = NULL;
	return true;
}

static struct module *module_named(struct module *m, size_t *n, const char *name)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp(m[i].name, name) == 0)
			return &m[i];
	if (*n == MAX_MODULES)
		return NULL;
	snprintf(m[*n].name, sizeof(m[*n].name), "%s", name);
	m[*n].nsec = 0;
	return &m[(*n)++];
}

/* L1's "<module> <section> 0x<addr>" lines from its console. */
static size_t read_sections(const char *console, struct module *m)
{
	FILE *f = fopen(console, "re");
	char line[512], mod[64], sec[64];
	unsigned long long addr;
	size_t n = 0;

	while (f && fgets(line, sizeof(line), f)) {
		const char *p = strstr(line, EB_NESTED_L1_SECTION);
		struct module *mm;
		if (!p || sscanf(p + strlen(EB_NESTED_L1_SECTION), "%63s %63s %llx",
				 mod, sec, &addr) != 3 ||
		    !(mm = module_named(m, &n, mod)) || mm->nsec == MAX_SECTIONS)
			continue;
		snprintf(mm->secname[mm->nsec], sizeof(mm->secname[0]), "%s", sec);
		mm->sec[mm->nsec] = (struct eb_section_addr){
			.name = mm->secname[mm->nsec], .addr = addr };
		mm->nsec++;
	}
	if (f)
		fclose(f);
	return n;
}

/* The .ko of module name (kvm_amd: kvm-amd.ko) in moddir's modules.order. */
static bool module_file(const char *moddir, const char *name, char *out,
			size_t size)
{
	char path[PATH_MAX + 16], line[512], want[80], norm[512];
	bool found = false;

	snprintf(want, sizeof(want), "%.63s.ko", name);
	snprintf(path, sizeof(path), "%.*s/modules.order", PATH_MAX - 1, moddir);
	FILE *f = fopen(path, "re");
	while (f && !found && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		const char *base = strrchr(line, '/') ? strrchr(line, '/') + 1 : line;
		snprintf(norm, sizeof(norm), "%s", base);
		for (char *c = norm; *c; c++)
			*c = *c == '-' ? '_' : *c;
		found = strcmp(norm, want) == 0;
		if (found)
			snprintf(out, size, "%s/%s", moddir, line);
	}
	if (f)
		fclose(f);
	return found;
}

/* L1's kernel: its kallsyms, each name prefixed "vmlinux:". */
static bool l1_kernel_symbols(struct eb_syms *syms, const char *vmlinux)
{
	struct eb_syms k = { 0 };
	char why[1024], name[512];

	if (!eb_syms_from_kallsyms(&k, vmlinux, why, sizeof(why))) {
		eb_error("xray: L1's kernel without symbols: %s", why);
		return false;
	}
	for (size_t i = 0; i < k.n; i++) {
		snprintf(name, sizeof(name), "vmlinux:%s", k.s[i].name);
		eb_syms_add(syms, k.s[i].addr, name);
	}
	eb_syms_free(&k);
	return true;
}

/* The modules L1 placed: their .ko symbols at those places. */
static bool l1_module_symbols(struct eb_syms *syms, const char *console)
{
	static struct module m[MAX_MODULES];
	size_t n = read_sections(console, m), named = 0;
	char moddir[PATH_MAX], ko[PATH_MAX + 512], why[1024];

	if (!eb_nested_module_dir(moddir, sizeof(moddir))) {
		eb_error("xray: the cached L1 kernel has no lib/modules");
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		if (!module_file(moddir, m[i].name, ko, sizeof(ko)))
			continue;	/* built in: the kernel's own symbols */
		if (!eb_syms_from_module(syms, ko, m[i].name, m[i].sec, m[i].nsec,
					 why, sizeof(why))) {
			eb_error("xray: L1's module %s: %s", m[i].name, why);
			return false;
		}
		named++;
	}
	if (!named)
		eb_error("xray: L1 printed no module section on its console (%s): "
			 "an L1 /init older than the x-ray?", console);
	return named > 0;
}

int eb_xray_nested_symbols(const struct eb_nested *n, size_t slot,
			   const char *l2_elf, struct eb_syms *syms)
{
	bool ok;

	syms->world = 1;
	eb_syms_add(syms, eb_elf_code_end(l2_elf), L1_USER);
	ok = l1_kernel_symbols(syms, eb_nested_l1_vmlinux(n)) &&
	     l1_module_symbols(syms, eb_nested_console(n, slot));
	syms->world = 0;
	eb_syms_sort(syms);
	return ok ? EB_EXIT_OK : EB_EXIT_BADUSAGE;
}
