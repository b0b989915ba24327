/*
 * eb.* options from the kernel command line (keys in protocol.h).  Anything
 * not starting with "eb." is left alone: the multiboot loader puts the
 * kernel's file name first, and users may add options for other tools.
 */
#include <entrybench/protocol.h>
#include "config.h"
#include "lib.h"
#include "variant.h"

static const char *number(const char *arg, u64 min, u64 max, u64 *out)
{
	if (!parse_u64(arg, out, NULL) || *out < min || *out > max)
		return "eb.k, eb.batches and eb.warmup take a number in range "
		       "(k 1..1000000, batches 1..1024, warmup 0..1000000)";
	return NULL;
}

/* Every name in the list must be a variant of this kernel. */
static const char *check_names(const char *list)
{
	for (const char *p = list; *p; ) {
		const char *end = p;
		bool found = false;

		while (*end && *end != ',' && *end != ' ')
			end++;
		for_each_variant(v) {
			size_t n = strlen(v->name);

			if (n == (size_t)(end - p) && str_starts(p, v->name))
				found = true;
		}
		if (!found)
			return "eb.variants names a variant this kernel does not have";
		if (*end != ',')
			break;
		p = end + 1;
	}
	return NULL;
}

/*
 * A design of this kernel: an NMI design (a variant of family nmi), or, for
 * the torture only, a variant another torture takes (variant.h, .torture).
 */
static bool is_design(const char *name, bool torture)
{
	const struct variant *v = find_variant(name);

	return v && (v->family == FAMILY_NMI || (torture && v->torture));
}

/*
 * The value of eb.torture= or eb.nmi=, copied so that it is a NUL-terminated
 * name: one NMI design of this kernel, or (torture only) the family name
 * for all of them, EB_TORTURE_UPCALL for all the upcall designs, or one.
 */
static const char *nmi_name(const char *arg, char what[32], bool torture,
			    const char **out)
{
	size_t n = 0;

	while (arg[n] && arg[n] != ' ' && n < 31)
		n++;
	if (!n || (arg[n] && arg[n] != ' '))
		return "eb.torture and eb.nmi take the name of one NMI design "
		       "(eb.torture also takes " EB_FAMILY_NMI ", " EB_TORTURE_UPCALL
		       " or an upcall design)";
	memcpy(what, arg, n);
	what[n] = '\0';
	if (!(torture && (!strcmp(what, EB_FAMILY_NMI) || !strcmp(what, EB_TORTURE_UPCALL))) &&
	    !is_design(what, torture))
		return "eb.torture or eb.nmi names no NMI design (or, for eb.torture, "
		       "upcall design) of this kernel";
	*out = what;
	return NULL;
}

const char *parse_cmdline(const char *s, struct config *cfg)
{
	const char *err = NULL;

	*cfg = (struct config){
		.k = EB_DEFAULT_K,
		.batches = EB_DEFAULT_BATCHES,
		.warmup = EB_DEFAULT_WARMUP,
	};
	while (s && *s && !err) {
		if (*s == ' ') {
			s++;
			continue;
		}
		if (str_starts(s, EB_ARG_VARIANTS)) {
			cfg->variants = s + sizeof(EB_ARG_VARIANTS) - 1;
			err = check_names(cfg->variants);
		} else if (str_starts(s, EB_ARG_K)) {
			err = number(s + sizeof(EB_ARG_K) - 1, 1, EB_MAX_K, &cfg->k);
		} else if (str_starts(s, EB_ARG_BATCHES)) {
			err = number(s + sizeof(EB_ARG_BATCHES) - 1, 1, EB_MAX_BATCHES,
				     &cfg->batches);
		} else if (str_starts(s, EB_ARG_WARMUP)) {
			err = number(s + sizeof(EB_ARG_WARMUP) - 1, 0, EB_MAX_K, &cfg->warmup);
		} else if (str_starts(s, EB_ARG_TORTURE)) {
			static char what[32];
			err = nmi_name(s + sizeof(EB_ARG_TORTURE) - 1, what, true,
				       &cfg->torture);
		} else if (str_starts(s, EB_ARG_NMI)) {
			static char what[32];
			err = nmi_name(s + sizeof(EB_ARG_NMI) - 1, what, false, &cfg->nmi);
		} else if (str_starts(s, EB_ARG_NMI_COUNT)) {
			err = number(s + sizeof(EB_ARG_NMI_COUNT) - 1, 0, EB_MAX_NMI_COUNT,
				     &cfg->nmi_count);
			if (err)
				err = "eb.nmi-count takes a number 0..100000";
		} else if (str_starts(s, EB_ARG_LIST) &&
			   (s[sizeof(EB_ARG_LIST) - 1] == ' ' || !s[sizeof(EB_ARG_LIST) - 1])) {
			cfg->list = true;
		} else if (str_starts(s, "eb.")) {
			err = "unknown eb.* option on the kernel command line";
		}
		while (*s && *s != ' ')
			s++;
	}
	if (!err && cfg->torture && cfg->nmi)
		err = "eb.torture and eb.nmi exclude each other: the torture "
		      "owns the NMI gate";
	if (!err && cfg->nmi_count && !cfg->nmi)
		err = "eb.nmi-count needs eb.nmi=<NMI design>";
	return err;
}

bool config_selects(const struct config *cfg, const char *name)
{
	size_t n = strlen(name);

	if (!cfg->variants)
		return true;
	for (const char *p = cfg->variants; *p && *p != ' '; ) {
		if (str_starts(p, name) && (p[n] == ',' || p[n] == ' ' || !p[n]))
			return true;
		while (*p && *p != ',' && *p != ' ')
			p++;
		if (*p == ',')
			p++;
	}
	return false;
}
