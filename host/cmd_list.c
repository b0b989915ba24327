/* SPDX-License-Identifier: MIT */
/* entrybench list: describe every variant of every kernel image present. */
#include <getopt.h>
#include <stdio.h>

#include "accel.h"
#include "catalog.h"
#include "cli.h"
#include "command.h"

static const char usage[] =
	"usage: entrybench list [--accel auto|kvm|tcg] [--qemu PATH] "
	"[--kernel-dir DIR] [--boot pvh|multiboot] [-v]\n"
	"Boots each kernel image with eb.list (always under TCG) and prints its\n"
	"variants; --accel shows which tier 'run' would measure with.\n";

static int list(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "accel", required_argument, NULL, 'a' },
		{ "qemu", required_argument, NULL, 'q' },
		{ "kernel-dir", required_argument, NULL, 'd' },
		{ "boot", required_argument, NULL, 'b' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	const char *accel = "auto", *qemu = NULL, *dir = NULL, *boot = "pvh";
	bool verbose = false;
	int c;

	while ((c = eb_getopt_long(argc, argv, "vh", opts, NULL)) != -1) {
		switch (c) {
		case 'a': accel = optarg; break;
		case 'q': qemu = optarg; break;
		case 'd': dir = optarg; break;
		case 'b': boot = optarg; break;
		case 'v': verbose = true; break;
		case 'h': fputs(usage, stdout); return EB_EXIT_OK;
		default: fputs(usage, stderr); return EB_EXIT_BADUSAGE;
		}
	}
	if (optind != argc) {
		eb_error("list: unexpected argument '%s'", argv[optind]);
		return EB_EXIT_BADUSAGE;
	}

	char why[512];
	const struct eb_tier *tier = eb_accel_choose(accel, "", why, sizeof(why));
	if (!tier) {
		eb_error("%s", why);
		return EB_EXIT_BADUSAGE;
	}

	struct eb_catalog cat;
	int rc = eb_catalog_load(&cat, qemu, eb_kernel_dir(dir), boot, 30, verbose);
	if (rc == EB_EXIT_OK) {
		printf("run would measure at tier %s, unit %s (%s)\n", tier->name,
		       tier->unit, why);
		for (size_t i = 0; i < cat.n; i++) {
			const struct eb_trial *t = eb_proto_trial(cat.e[i].list.proto);
			printf("\n%s: %s\n", t->mode, cat.e[i].path);
			for (size_t j = 0; j < t->nvariants; j++) {
				const struct eb_variant *v = &t->variants[j];
				printf("  %-22s %-7s cpl %u  %s\n"
				       "  %-22s %-7s        source: %s\n",
				       v->name, t->mode, v->cpl, v->models,
				       "", "", v->source);
			}
		}
	}
	eb_catalog_free(&cat);
	return rc;
}

EB_COMMAND("list", list, "describe the variants built into the kernel images");
