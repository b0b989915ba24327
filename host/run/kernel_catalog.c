/* SPDX-License-Identifier: MIT */
#include <stdlib.h>

#include "lib/cli.h"
#include "lib/command.h"
#include "run/kernel_catalog.h"

int eb_catalog_load(struct eb_catalog *c, const char *qemu, const char *dir,
		    const char *boot, double timeout_s, bool verbose)
{
	const char *machine = eb_boot_machine(boot);
	char why[512];

	*c = (struct eb_catalog){ .e = calloc(eb_nimages, sizeof(*c->e)) };
	if (!c->e)
		abort();
	if (!machine) {
		eb_error("--boot %s: expected pvh or multiboot", boot);
		return EB_EXIT_BADUSAGE;
	}
	for (size_t i = 0; i < eb_nimages; i++) {
		struct eb_catalog_entry *e = &c->e[c->n];
		const char *argv[EB_QEMU_MAXARGS];

		e->image = &eb_images[i];
		if (!eb_image_path(e->image, boot, dir, e->path, sizeof(e->path)))
			continue;
		if (!eb_qemu_find(qemu ? qemu : e->image->qemu, e->qemu,
				  sizeof(e->qemu), why, sizeof(why))) {
			eb_error("%s", why);
			return EB_EXIT_BADUSAGE;
		}
		eb_qemu_argv(argv, e->qemu, eb_tier("tcg"), machine, e->path,
			     EB_ARG_LIST);
		if (verbose)
			eb_print_argv(stderr, argv);
		c->n++;
		eb_qemu_boot(argv, timeout_s, &e->list);
		if (e->list.outcome.verdict != EB_V_PASS) {
			eb_error("%s: listing variants failed: %s: %s", e->path,
				 eb_verdict_name(e->list.outcome.verdict),
				 e->list.outcome.why);
			/*
			 * A QEMU we cannot start, or one that never ran the
			 * guest (refused its arguments, not a QEMU), is for
			 * the user to fix: --qemu, the QEMU version, the build.
			 */
			return e->list.proc.how == EB_PROC_NOSPAWN ||
			       !eb_proto_trial(e->list.proto)->bytes ?
			       EB_EXIT_BADUSAGE : EB_EXIT_FAILED;
		}
	}
	if (c->n == 0) {
		eb_error("no kernel image for --boot %s in %s; build the kernel "
			 "('cmake --build build') or pass --kernel-dir", boot, dir);
		return EB_EXIT_BADUSAGE;
	}
	return EB_EXIT_OK;
}

void eb_catalog_free(struct eb_catalog *c)
{
	for (size_t i = 0; i < c->n; i++)
		eb_proto_free(c->e[i].list.proto);
	free(c->e);
	c->n = 0;
}
