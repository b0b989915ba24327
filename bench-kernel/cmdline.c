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

/* The value is copied: cfg->torture must be a NUL-terminated name. */
static const char *torture_arg(const char *arg, struct config *cfg)
{
	static char what[32];
	size_t n = 0;

	while (arg[n] && arg[n] != ' ' && n < sizeof(what) - 1)
		n++;
	if (!n || (arg[n] && arg[n] != ' '))
		return "eb.torture takes nmi or the name of one nmi-* variant";
	memcpy(what, arg, n);
	what[n] = '\0';
	if (strcmp(what, "nmi") != 0 && (!str_starts(what, "nmi-") || check_names(what)))
		return "eb.torture names no nmi-* variant of this kernel";
	cfg->torture = what;
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
			err = torture_arg(s + sizeof(EB_ARG_TORTURE) - 1, cfg);
		} else if (str_starts(s, EB_ARG_LIST) &&
			   (s[sizeof(EB_ARG_LIST) - 1] == ' ' || !s[sizeof(EB_ARG_LIST) - 1])) {
			cfg->list = true;
		} else if (str_starts(s, "eb.")) {
			err = "unknown eb.* option on the kernel command line";
		}
		while (*s && *s != ' ')
			s++;
	}
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
