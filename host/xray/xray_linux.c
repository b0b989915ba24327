/* SPDX-License-Identifier: MIT */
/*
 * Taking x-rays in the linux tier (xray/xray_run.h): the linux tier's
 * boot loop with -plugin added; the kernel's symbols from its System.map,
 * else from its own kallsyms (Debian's System.map is a stub), and the
 * guest /init's from the build's unstripped-of-symbols copy beside the
 * initramfs (init.stripped: only its debug info is stripped), or the
 * 32-bit helper's (probe32.stripped) for the probes it times.
 */
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/cli.h"
#include "lib/command.h"
#include "results/results.h"
#include "run/linux_kernel.h"
#include "tiers/tier.h"
#include "xray/kallsyms.h"
#include "xray/xray_loop.h"
#include "xray/xray_run.h"

/* The kernel's text symbols: System.map if it has any, else kallsyms. */
static int kernel_symbols(const struct eb_xray_request *r,
			  const struct eb_linux_options *lo, struct eb_syms *syms)
{
	char dir[] = "/tmp/entrybench-xray-kernel.XXXXXX", err[1024], why[1024];
	struct eb_linux_kernel k;
	bool ok = false;

	if (!mkdtemp(dir)) {
		eb_error("%s: cannot create a directory in /tmp", r->cmd);
		return EB_EXIT_BADUSAGE;
	}
	if (!eb_linux_kernel_prepare(lo->kernel, lo->system_map, dir, &k, err,
				     sizeof(err))) {
		eb_error("%s: %s", r->cmd, err);
	} else if (*k.system_map &&
		   eb_syms_from_system_map(syms, k.system_map, why, sizeof(why))) {
		ok = true;
	} else if (k.img.boot == EB_LINUX_PVH) {
		ok = eb_syms_from_kallsyms(syms, k.img.path, why, sizeof(why));
		if (!ok)
			eb_error("%s: a kernel without symbols: %s", r->cmd, why);
	} else {
		eb_error("%s: a kernel without symbols: %s boots as a bzImage "
			 "(%s) and no System.map was given", r->cmd, k.path,
			 k.img.why);
	}
	char vmlinux[PATH_MAX];
	snprintf(vmlinux, sizeof(vmlinux), "%s/vmlinux", dir);
	unlink(vmlinux);
	rmdir(dir);
	return ok ? EB_EXIT_OK : EB_EXIT_BADUSAGE;
}

/* A guest program with its symbols (name.stripped), beside the initramfs. */
static void guest_file(const char *name, char *out, size_t size)
{
	char dir[PATH_MAX];

	snprintf(dir, sizeof(dir), "%s", eb_linux_initramfs());
	snprintf(out, size, "%s/%s.stripped", dirname(dir), name);
}

bool eb_xray_linux_in_helper(const char *probe)
{
	char p32[PATH_MAX + 32];

	guest_file("probe32", p32, sizeof(p32));
	return eb_elf_has_string(p32, probe);
}

/*
 * The program whose timing loop times r's probes: /init, or the 32-bit
 * helper for the probes it defines (a probe's name is its descriptor's
 * string, in the program that has it: getppid-vsyscall32).  Its trip runs
 * the vDSO too, which no file here has symbols of: "[vdso32]" names the
 * code above the helper's.  EB_EXIT_OK, or 2 after saying why.
 */
static int timing_program(const struct eb_xray_request *r, char *out,
			  size_t size, const char **what, bool *helper)
{
	char p32[PATH_MAX + 32];
	size_t in32 = 0;

	guest_file("probe32", p32, sizeof(p32));
	for (size_t i = 0; i < r->n; i++)
		in32 += eb_xray_linux_in_helper(r->names[i]);
	*helper = in32 > 0;
	if (in32 && in32 < r->n) {
		eb_error("%s: the 32-bit helper's probes and /init's time in "
			 "different programs: x-ray them apart", r->cmd);
		return EB_EXIT_BADUSAGE;
	}
	if (*helper) {
		snprintf(out, size, "%s", p32);
		*what = "the linux guest's 32-bit helper";
	} else {
		guest_file("init", out, size);
		*what = "the linux guest's /init";
	}
	return EB_EXIT_OK;
}

/* The probes of res that r asked for, in the order the guest ran them. */
static size_t asked(const struct eb_xray_request *r, json_t *res, json_t **vars)
{
	json_t *v;
	size_t i, n = 0;

	json_array_foreach(json_object_get(res, "variants"), i, v)
		for (size_t j = 0; j < r->n; j++)
			if (strcmp(json_string_value(json_object_get(v, "name")),
				   r->names[j]) == 0)
				vars[n++] = v;
	return n;
}

static int boot_linux(const struct eb_xray_request *r,
		      const struct eb_linux_options *lo,
		      struct eb_xray_setup *s, json_t **res)
{
	char why[512];
	const struct eb_tier *tier = eb_tier_for_guest("linux", !lo->kernel, "",
						       why, sizeof(why));
	unsigned done = 0;

	if (!tier) {
		eb_error("%s: %s", r->cmd, why);
		return EB_EXIT_BADUSAGE;
	}
	struct eb_run_request req = {
		.tier = tier, .want = r->names, .nwant = r->n, .trials = 1,
		.timeout_s = r->timeout_s, .params = r->params, .boot = "pvh",
		.verbose = r->verbose, .plugin = s->plugin_arg,
	};
	json_t *params = json_pack("{s:i, s:i, s:i, s:i, s:s, s:s, s:i}",
		"k", r->params.k, "batches", r->params.batches,
		"warmup", r->params.warmup, "trials", 1, "accel", "auto",
		"boot", "pvh", "timeout_s", (int)r->timeout_s);
	int rc = eb_linux_run(&req, lo, params, why, res, &done);
	if (rc == EB_EXIT_OK && !done) {
		eb_error("%s: the x-ray boot of the linux guest came to nothing",
			 r->cmd);
		rc = EB_EXIT_FAILED;
	}
	return rc;
}

json_t *eb_xray_measure_linux(const struct eb_xray_request *r,
			      const struct eb_linux_options *lo, int *rc)
{
	struct eb_xray_setup s = { .cmd = r->cmd, .each = r->each, .ctx = r->ctx };
	char prog[PATH_MAX + 32];
	const char *what;
	json_t *res = NULL, *vars[EB_PROTO_MAX_VARIANTS];
	bool helper;

	*rc = timing_program(r, prog, sizeof(prog), &what, &helper);
	if (*rc == EB_EXIT_OK)
		*rc = kernel_symbols(r, lo, &s.syms);
	if (*rc == EB_EXIT_OK)
		*rc = eb_xray_setup_code(&s, prog, what);
	if (*rc == EB_EXIT_OK && helper) {
		eb_syms_add(&s.syms, eb_elf_code_end(prog), "[vdso32]");
		eb_syms_sort(&s.syms);
	}
	if (*rc == EB_EXIT_OK)
		*rc = boot_linux(r, lo, &s, &res);
	if (*rc == EB_EXIT_OK) {
		size_t n = asked(r, res, vars);
		*rc = n ? eb_xray_pair(&s, vars, n, r->params.k) : EB_EXIT_BADUSAGE;
		if (!n)
			eb_error("%s: unknown probe '%s' (the linux guest's probes: "
				 "linux-guest/probes/)", r->cmd, r->names[0]);
	}
	eb_xray_setup_free(&s);
	if (res && *rc == EB_EXIT_OK) {
		eb_results_finish(res);
		return res;
	}
	json_decref(res);
	return NULL;
}
