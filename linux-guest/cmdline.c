/*
 * eb.* options from the kernel command line (keys in protocol.h), with the
 * bench kernel's ranges and defaults.  Everything else on the line belongs
 * to the kernel.  Linux hands dotted parameters neither to init's argv nor
 * to its environment, so they are read back from /proc/cmdline.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <entrybench/protocol.h>
#include "guest.h"
#include "probe.h"

/* Length of the word at s: up to a space or the end. */
static size_t word(const char *s)
{
	return strcspn(s, " \t\n");
}

/* *out changes only for a valid number: hello reports the defaults otherwise. */
static bool number(const char *s, size_t n, uint64_t min, uint64_t max,
		   uint64_t *out)
{
	char digits[24];
	char *end;
	uint64_t v;

	if (n == 0 || n >= sizeof(digits) || strspn(s, "0123456789") < n)
		return false;
	memcpy(digits, s, n);
	digits[n] = '\0';
	v = strtoull(digits, &end, 10);
	if (*end || v < min || v > max)
		return false;
	*out = v;
	return true;
}

static const char *option(const char *w, size_t n, struct guest_config *cfg)
{
	static const struct { const char *key; uint64_t min, max; size_t at; } nums[] = {
		{ EB_ARG_K, 1, EB_MAX_K, offsetof(struct guest_config, k) },
		{ EB_ARG_BATCHES, 1, EB_MAX_BATCHES, offsetof(struct guest_config, batches) },
		{ EB_ARG_WARMUP, 0, EB_MAX_K, offsetof(struct guest_config, warmup) },
	};

	for (size_t i = 0; i < sizeof(nums) / sizeof(nums[0]); i++) {
		size_t kl = strlen(nums[i].key);

		if (n >= kl && !strncmp(w, nums[i].key, kl)) {
			if (!number(w + kl, n - kl, nums[i].min, nums[i].max,
				    (uint64_t *)((char *)cfg + nums[i].at)))
				return "eb.k, eb.batches and eb.warmup take a number in range "
				       "(k 1..1000000, batches 1..1024, warmup 0..1000000)";
			return NULL;
		}
	}
	if (n > strlen(EB_ARG_VARIANTS) &&
	    !strncmp(w, EB_ARG_VARIANTS, strlen(EB_ARG_VARIANTS))) {
		cfg->variants = w + strlen(EB_ARG_VARIANTS);
		return NULL;
	}
	if (n == strlen(EB_ARG_LIST) && !strncmp(w, EB_ARG_LIST, n)) {
		cfg->list = true;
		return NULL;
	}
	return "unknown eb.* option on the kernel command line (the Linux guest "
	       "takes eb.variants, eb.k, eb.batches, eb.warmup and eb.list)";
}

const char *parse_cmdline(const char *s, struct guest_config *cfg)
{
	*cfg = (struct guest_config){
		.k = EB_DEFAULT_K,
		.batches = EB_DEFAULT_BATCHES,
		.warmup = EB_DEFAULT_WARMUP,
	};
	while (*s) {
		size_t n = word(s);
		const char *err;

		if (n >= 3 && !strncmp(s, "eb.", 3) && (err = option(s, n, cfg)))
			return err;
		s += n;
		s += strspn(s, " \t\n");
	}
	return NULL;
}

/* Is name in the comma list at list (ending at a space or the end)? */
static bool listed(const char *list, const char *name)
{
	size_t len = strlen(name);

	for (const char *p = list; *p && *p != ' ' && *p != '\n'; ) {
		size_t n = strcspn(p, ", \n");

		if (n == len && !strncmp(p, name, n))
			return true;
		p += n;
		if (*p == ',')
			p++;
	}
	return false;
}

bool config_selects(const struct guest_config *cfg, const char *name)
{
	return !cfg->variants || listed(cfg->variants, name);
}

const char *unknown_probe(const struct guest_config *cfg, char *buf, size_t size)
{
	for (const char *p = cfg->variants; p && *p && *p != ' ' && *p != '\n'; ) {
		size_t n = strcspn(p, ", \n");
		bool found = false;

		for_each_probe(probe)
			if (strlen(probe->name) == n && !strncmp(p, probe->name, n))
				found = true;
		if (!found) {
			int len = snprintf(buf, size, "eb.variants names '%.*s', which "
					   "is no probe of the Linux guest; probes:",
					   (int)(n < 64 ? n : 64), p);
			for_each_probe(probe)
				if (len > 0 && (size_t)len < size)
					len += snprintf(buf + len, size - len, " %s",
							probe->name);
			return buf;
		}
		p += n;
		if (*p == ',')
			p++;
	}
	return NULL;
}
