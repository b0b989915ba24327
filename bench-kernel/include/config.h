/* The run, as the kernel command line describes it (cmdline.c). */
#ifndef EB_CONFIG_H
#define EB_CONFIG_H

#include "types.h"

struct config {
	const char *variants;	/* comma list, NULL = every variant */
	u64 k, batches, warmup;
	bool list;
	const char *torture;	/* NULL, EB_FAMILY_NMI or EB_TORTURE_UPCALL (every
				   design of that torture), or one design */
	const char *nmi;	/* NULL, or the NMI design handling every NMI */
	u64 nmi_count;		/* NMIs the host will inject (eb.nmi-count) */
};

/* NULL on success, else what is wrong (the host shows it verbatim). */
const char *parse_cmdline(const char *cmdline, struct config *cfg);
bool config_selects(const struct config *cfg, const char *name);

#endif
