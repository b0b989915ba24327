/* SPDX-License-Identifier: MIT */
/*
 * entrybench xray VARIANT: every instruction of one round trip, recorded
 * by the x-ray's TCG plugin in a boot of its own (xray/xray_run.h),
 * symbolized, decoded, its phases marked, counted per function; the sum
 * checked against the count measured in the same boot.  --format folded
 * writes folded stacks, --svg an icicle chart, --out a results file whose
 * variant carries the x-ray (for `compare --xray`).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/cli.h"
#include "lib/command.h"
#include "lib/options.h"
#include "results/render.h"
#include "results/results.h"
#include "run/kernel_images.h"
#include "run/linux_run.h"
#include "tiers/linux.h"
#include "xray/flame.h"
#include "xray/report.h"
#include "xray/xray_run.h"

static const struct eb_usage usage = {
	.cmd = "xray",
	.min_operands = 1, .max_operands = 1, .operands = "VARIANT",
	.synopsis = "VARIANT [options]\n"
		    "   or: entrybench xray --guest linux PROBE [--linux-append ARGS] [options]",
	.text = "Boots the variant once under TCG with the x-ray's plugin, which\n"
		"records every instruction of one round trip per batch; prints them\n"
		"with function + offset and disassembly, the phases marked (trip:\n"
		"the caller's side; entry: the kernel up to its first call; handler:\n"
		"until that returns; exit: the way out), and the instructions per\n"
		"function.  The sum, less the empty trip the harness calibrates away,\n"
		"must equal the count the boot measured: exit 1 if it does not.\n"
		"Exit status: 0 ok, 1 a failed boot or an x-ray that does not add\n"
		"up, 2 bad usage, an unknown variant, a kernel without symbols or a\n"
		"QEMU without TCG plugins.\n",
};

static const char *const accels[] = { "tcg", "nested", NULL };

static const char *const formats[] = { "table", "markdown", "csv", "json",
				       "folded", NULL };

struct options {
	const char *format, *svg, *out, *guest, *append, *cpu, *accel;
	bool functions_only;
	unsigned timeout;
	struct eb_xray_request r;
	struct eb_linux_options lx;
};

/* What the x-ray prints, per variant (one). */
struct printing {
	const struct options *o;
	const char *tier;
	struct eb_view *view;
	bool svg_failed;
};

static int parse(int argc, char **argv, struct options *o, int *first)
{
	struct eb_option opts[] = {
		EB_OPT_STRING("kernel-dir", 0, &o->r.kernel_dir, "DIR", "the kernel "
			      "images (default: $ENTRYBENCH_KERNEL_DIR, else this "
			      "build's)"),
		EB_OPT_STRING("qemu", 0, &o->r.qemu, "PATH", "QEMU binary, with TCG "
			      "plugin support"),
		EB_OPT_CHOICE("boot", &o->r.boot, eb_boot_names, "PROTOCOL",
			      "how QEMU loads the kernel"),
		EB_OPT_CHOICE("accel", &o->accel, accels, "TIER", "tcg, or nested: "
			      "the variant as L2 under L1's KVM, L1's exit "
			      "handling included"),
		EB_OPT_UINT("k", 0, &o->r.params.k, 1, EB_MAX_K, "N",
			    "round trips per timed batch"),
		EB_OPT_UINT("batches", 0, &o->r.params.batches, 1, EB_MAX_BATCHES,
			    "N", "timed batches (one trip of each is recorded)"),
		EB_OPT_UINT("warmup", 0, &o->r.params.warmup, 0, EB_MAX_K, "N",
			    "untimed round trips first"),
		EB_OPT_UINT("timeout", 0, &o->timeout, 1, 86400, "SECONDS",
			    "per boot (--guest linux: default 120, --accel "
			    "nested: 300)"),
		EB_OPT_BOOL("verbose", 'v', &o->r.verbose, "print each QEMU "
			    "command line"),
		EB_OPT_GROUP("a real Linux kernel (tier linux)"),
		EB_OPT_CHOICE("guest", &o->guest, eb_tier_guest_names(), "GUEST",
			      "linux: x-ray a probe of the linux tier"),
		EB_OPT_STRING("linux-kernel", 0, &o->lx.kernel, "PATH",
			      "a bzImage or vmlinux (default: the cache's)"),
		EB_OPT_STRING("linux-system-map", 0, &o->lx.system_map, "PATH",
			      "its System.map (default: the kernel's own kallsyms)"),
		EB_OPT_STRING("linux-append", 0, &o->append, "ARGS",
			      "the kernel command line (one column)"),
		EB_OPT_CHOICE("linux-cpu", &o->cpu, eb_linux_cpu_names, "CPU",
			      "the CPU model"),
		EB_OPT_GROUP("output"),
		EB_OPT_CHOICE("format", &o->format, formats, "F", "table, markdown, "
			      "csv, json, or folded (flame-graph stacks)"),
		EB_OPT_BOOL("functions", 0, &o->functions_only,
			    "the function table without the listing"),
		EB_OPT_STRING("svg", 0, &o->svg, "FILE", "an icicle chart of the "
			      "functions"),
		EB_OPT_STRING("out", 'o', &o->out, "FILE", "a results file holding "
			      "the measurement and its x-ray"),
		EB_OPT_END,
	};

	*o = (struct options){
		.format = "table", .guest = "bench", .timeout = 30, .cpu = "amd",
		.accel = "tcg",
		.r = { .cmd = "xray", .boot = "pvh", .params = { EB_DEFAULT_K,
		       EB_DEFAULT_BATCHES, EB_DEFAULT_WARMUP } },
	};
	int rc = eb_options_command(&usage, opts, argc, argv, first);
	if (rc < 0 && !eb_option_seen(opts, "timeout") &&
	    strcmp(o->guest, "linux") == 0)
		o->timeout = 120;
	o->r.nested = strcmp(o->accel, "nested") == 0;
	if (rc < 0 && !eb_option_seen(opts, "timeout") && o->r.nested)
		o->timeout = 300;
	if (rc < 0 && o->r.nested && strcmp(o->guest, "linux") == 0) {
		eb_error("xray: --accel nested runs the bench kernel as L2: not "
			 "with --guest linux");
		rc = EB_EXIT_BADUSAGE;
	}
	return rc;
}

static bool write_svg(struct printing *p, json_t *variant, const struct eb_xray *x)
{
	char title[512];
	FILE *f = fopen(p->o->svg, "we");

	snprintf(title, sizeof(title), "x-ray of %s (%s): %lld %s per round trip, "
		 "tier %s", json_string_value(json_object_get(variant, "name")),
		 eb_variant_where(variant), (long long)eb_xray_net(x), "insns",
		 p->tier);
	if (!f || !eb_xray_svg(f, x, title) || fclose(f) != 0) {
		eb_error("xray: --svg %s: cannot write", p->o->svg);
		p->svg_failed = true;
		return false;
	}
	return true;
}

static bool print_one(void *ctx, json_t *variant, const struct eb_xray *x)
{
	struct printing *p = ctx;

	if (strcmp(p->o->format, "folded") == 0)
		eb_xray_folded(stdout, x);
	else
		eb_xray_report(p->view, json_string_value(json_object_get(variant,
			       "name")), eb_variant_where(variant), p->tier, x,
			       !p->o->functions_only);
	return !p->o->svg || write_svg(p, variant, x);
}

static json_t *measure(struct options *o, const char *name, int *rc)
{
	static const char *names[1];

	names[0] = name;
	o->r.names = names;
	o->r.n = 1;
	o->r.timeout_s = o->timeout;
	if (strcmp(o->guest, "linux") != 0)
		return eb_xray_measure(&o->r, rc);
	o->lx.append[0] = o->append ? o->append : "";
	o->lx.nappend = 1;
	o->lx.cpu[0] = eb_linux_cpu(o->cpu);
	o->lx.ncpus = 1;
	o->lx.jobs = 1;
	o->lx.qemu = o->r.qemu;
	return eb_xray_measure_linux(&o->r, &o->lx, rc);
}

/* Output paths are checked before the boot, not after it. */
static bool paths_ok(const struct options *o)
{
	char err[512];

	if (o->out && !eb_results_probe(o->out, err, sizeof(err))) {
		eb_error("xray: --out %s", err);
		return false;
	}
	if (o->svg && eb_can_create(o->svg) != 0) {
		eb_error("xray: --svg %s: cannot create it", o->svg);
		return false;
	}
	return true;
}

static int xray(int argc, char **argv)
{
	struct options o;
	int first, rc = parse(argc, argv, &o, &first);
	char err[512];

	if (rc >= 0)
		return rc;
	if (!paths_ok(&o))
		return EB_EXIT_BADUSAGE;
	struct printing p = { .o = &o, .view = eb_view_new("xray"),
			      .tier = strcmp(o.guest, "linux") == 0 ? "linux" :
				      o.accel };
	o.r.each = print_one;
	o.r.ctx = &p;
	json_t *res = measure(&o, argv[first], &rc);
	if (res && strcmp(o.format, "folded") != 0)
		eb_view_render(stdout, p.view, eb_format_of(o.format));
	if (res && o.out && !eb_results_write(res, o.out, err, sizeof(err))) {
		eb_error("%s", err);
		rc = EB_EXIT_BADUSAGE;
	}
	if (p.svg_failed && rc == EB_EXIT_OK)
		rc = EB_EXIT_BADUSAGE;
	eb_view_free(p.view);
	json_decref(res);
	return rc;
}

EB_COMMAND("xray", xray, "every instruction of one round trip, by function");
