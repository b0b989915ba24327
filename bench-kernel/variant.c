/*
 * The registry of variants (variant.h): their families' names, and lookup
 * by name.  The descriptors themselves are in variants/<mode>/.
 */
#include <entrybench/protocol.h>
#include "lib.h"
#include "variant.h"

static const char *const family_names[NR_FAMILIES] = {
	[FAMILY_SYSCALL] = "syscall",
	[FAMILY_INT80] = "int80-gate",
	[FAMILY_SYSENTER] = "sysenter",
	[FAMILY_EXCEPTION] = "exception",
	[FAMILY_NMI] = EB_FAMILY_NMI,
	[FAMILY_PV] = "pv",
	[FAMILY_PVOPS] = "pvops",
	[FAMILY_VMEXIT] = "vmexit",
};

const char *family_name(enum variant_family family)
{
	return (unsigned)family < N_OF(family_names) ? family_names[family] : NULL;
}

const struct variant *find_variant(const char *name)
{
	for_each_variant(v)
		if (!strcmp(v->name, name))
			return v;
	return NULL;
}
