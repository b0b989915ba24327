/* SPDX-License-Identifier: MIT */
/* entrybench list: describe every variant of every kernel image present. */
#include <stdio.h>

#include "lib/cli.h"
#include "lib/command.h"
#include "lib/options.h"
#include "run/kernel_catalog.h"
#include "run/kernel_images.h"
#include "tiers/tier.h"

static const struct eb_usage usage = {
	.cmd = "list",
	.min_operands = 0, .max_operands = 0, .operands = "",
	.synopsis = "[options]",
	.text = "Boots each kernel image with eb.list (always under TCG) and prints its\n"
		"variants; --accel shows which tier 'run' would measure with.\n"
		"Exit status: 0; 1 when a kernel image failed to list its variants;\n"
		"2 on bad usage, no kernel image, or a QEMU that cannot run them.\n",
};

static int list(int argc, char **argv)
{
	const char *accel = "auto", *qemu = NULL, *dir = NULL, *boot = "pvh";
	bool verbose = false;
	struct eb_option opts[] = {
		EB_OPT_CHOICE("accel", &accel, eb_tier_accel_names(), "ACCEL",
			      "say which tier 'run --accel ACCEL' would choose"),
		EB_OPT_STRING("qemu", 0, &qemu, "PATH",
			      "QEMU binary (default: each image's, on $PATH)"),
		EB_OPT_STRING("kernel-dir", 0, &dir, "DIR", "the kernel images "
			      "(default $ENTRYBENCH_KERNEL_DIR, else the build's)"),
		EB_OPT_CHOICE("boot", &boot, eb_boot_names, "B",
			      "boot protocol of the images listed"),
		EB_OPT_BOOL("verbose", 'v', &verbose,
			    "print each QEMU command line on stderr"),
		EB_OPT_END,
	};
	int first;

	int rc = eb_options_command(&usage, opts, argc, argv, &first);
	if (rc >= 0)
		return rc;

	char why[512];
	const struct eb_tier *tier = eb_tier_choose(accel, "", why, sizeof(why));
	if (!tier) {
		eb_error("%s", why);
		return EB_EXIT_BADUSAGE;
	}

	struct eb_catalog cat;
	rc = eb_catalog_load(&cat, qemu, eb_kernel_dir(dir), boot, 30, verbose);
	if (rc == EB_EXIT_OK) {
		printf("run would measure at tier %s, unit %s (%s)\n", tier->name,
		       tier->unit, why);
		for (size_t i = 0; i < cat.n; i++) {
			const struct eb_trial *t = eb_proto_trial(cat.e[i].list.proto);
			printf("\n%s: %s\n", t->mode, cat.e[i].path);
			for (size_t j = 0; j < t->nvariants; j++) {
				const struct eb_variant *v = &t->variants[j];
				printf("  %-22s %-7s %-10s cpl %u  %s\n"
				       "  %-22s %-7s %-10s        source: %s\n",
				       v->name, t->mode,
				       v->family ? v->family : "-", v->cpl,
				       v->models, "", "", "", v->source);
			}
		}
	}
	eb_catalog_free(&cat);
	return rc;
}

EB_COMMAND("list", list, "describe the variants built into the kernel images");
