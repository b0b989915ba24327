/* SPDX-License-Identifier: MIT */
/* Taking x-rays of the bench kernel: xray/xray_run.h. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/array.h"
#include "lib/cli.h"
#include "lib/command.h"
#include "lib/data_dirs.h"
#include "results/environment.h"
#include "results/results.h"
#include "run/boot_loop.h"
#include "run/kernel_catalog.h"
#include "run/kernel_images.h"
#include "run/nested.h"
#include "xray/xray_nested.h"
#include "xray/xray_loop.h"
#include "xray/xray_run.h"

const char *eb_xray_plugin_path(void)
{
	static char path[PATH_MAX + 32];
	const char *env = getenv("ENTRYBENCH_XRAY_PLUGIN");

	if (env && *env)
		return env;
	snprintf(path, sizeof(path), "%s/xray-plugin.so", eb_data_dir(EB_DATA_XRAY));
	return path;
}

/* The catalog's images that hold at least one of the names; false if a name is in none. */
static bool resolve(const struct eb_xray_request *r, const struct eb_catalog *cat)
{
	for (size_t i = 0; i < r->n; i++) {
		bool found = false;
		for (size_t j = 0; j < cat->n && !found; j++)
			found = eb_trial_variant(eb_proto_trial(cat->e[j].list.proto),
						 r->names[i]);
		if (!found) {
			eb_error("%s: unknown variant '%s' (entrybench list shows "
				 "the kernel images' variants)", r->cmd, r->names[i]);
			return false;
		}
	}
	return true;
}

/* The names r asks for that image e carries, in its declaration order. */
static size_t select_names(const struct eb_xray_request *r,
			   const struct eb_catalog_entry *e, const char **out)
{
	const struct eb_trial *t = eb_proto_trial(e->list.proto);
	size_t n = 0;

	for (size_t k = 0; k < t->nvariants; k++)
		for (size_t i = 0; i < r->n; i++)
			if (strcmp(r->names[i], t->variants[k].name) == 0) {
				out[n++] = t->variants[k].name;
				break;
			}
	return n;
}

static const struct eb_tier *tier_of(const struct eb_xray_request *r)
{
	return eb_tier(r->nested ? "nested" : "tcg");
}

/* Image e's argv: tcg's, or the nested tier's outer one; then the plugin. */
static bool image_argv(const struct eb_xray_request *r, struct eb_nested *nested,
		       size_t slot, const struct eb_catalog_entry *e,
		       const char *cmdline, const char *plugin_arg,
		       const char **argv, json_t *res)
{
	json_t *l2;
	const char *mode = eb_proto_trial(e->list.proto)->mode;

	if (nested) {
		if (!eb_xray_nested_argv(nested, slot, e, r->boot, cmdline,
					 plugin_arg, argv, &l2))
			return false;
		json_object_set_new(json_object_get(json_object_get(json_object_get(
			res, "environment"), "nested"), "l2_argv"), mode, l2);
		return true;
	}
	int argc = eb_qemu_argv(argv, e->qemu, eb_tier("tcg"),
				eb_boot_machine(r->boot), e->path, cmdline);
	argv[argc++] = "-plugin";
	argv[argc++] = plugin_arg;
	argv[argc] = NULL;
	return true;
}

/* One boot of image e with the plugin; its verdict judged. */
static int boot_image(const struct eb_xray_request *r, struct eb_nested *nested,
		      size_t slot, const struct eb_catalog_entry *e,
		      const char **names, size_t n, const char *plugin_arg,
		      struct eb_boot *b, json_t *res)
{
	struct eb_run_request req = { .params = r->params };
	struct eb_selection sel = { .n = n };
	const char *argv[EB_QEMU_MAXARGS + 8];
	char cmdline[4096];

	memcpy(sel.names, names, n * sizeof(*names));
	if (!eb_run_cmdline(&req, &sel, cmdline, sizeof(cmdline)))
		return EB_EXIT_BADUSAGE;
	if (!image_argv(r, nested, slot, e, cmdline, plugin_arg, argv, res))
		return EB_EXIT_BADUSAGE;
	if (r->verbose)
		eb_print_argv(stderr, argv);
	eb_qemu_boot(argv, r->timeout_s, b);
	if (nested)
		eb_nested_explain(nested, slot, b);
	fprintf(stderr, "%s: %s: %s (%.2f s)%s%s\n", r->cmd,
		eb_proto_trial(b->proto)->mode, eb_verdict_name(b->outcome.verdict),
		b->proc.seconds, *b->outcome.why ? ": " : "", b->outcome.why);
	if (eb_xray_qemu_refused(b)) {
		eb_error("%s: QEMU %s cannot load TCG plugins (%s): the x-ray needs "
			 "a QEMU built with plugin support (Debian's is)", r->cmd,
			 e->qemu, eb_xray_last_line(b->proc.err));
		return EB_EXIT_BADUSAGE;
	}
	if (b->outcome.verdict != EB_V_PASS) {
		eb_error("%s: the x-ray boot of %s did not pass: %s", r->cmd,
			 e->path, b->outcome.why);
		return EB_EXIT_FAILED;
	}
	return EB_EXIT_OK;
}

/* The variants of image e that r names: booted, measured into res, x-rayed. */
static int xray_image(const struct eb_xray_request *r, struct eb_nested *nested,
		      const struct eb_catalog *cat, size_t slot, json_t *res)
{
	const struct eb_catalog_entry *e = &cat->e[slot];
	const char *names[EB_PROTO_MAX_VARIANTS];
	size_t n = select_names(r, e, names);
	struct eb_xray_setup s = { .cmd = r->cmd, .each = r->each, .ctx = r->ctx };
	const struct eb_trial *lt = eb_proto_trial(e->list.proto);
	struct eb_boot b = { 0 };
	json_t *vars[EB_PROTO_MAX_VARIANTS];
	int rc;

	if (!n)
		return EB_EXIT_OK;
	rc = eb_xray_setup_code(&s, e->path, NULL);
	if (rc == EB_EXIT_OK)
		rc = boot_image(r, nested, slot, e, names, n, s.plugin_arg, &b, res);
	if (rc == EB_EXIT_OK && nested)
		rc = eb_xray_nested_symbols(nested, slot, e->path, &s.syms);
	if (rc == EB_EXIT_OK) {
		for (size_t i = 0; i < n; i++)
			vars[i] = eb_results_add_variant(res, lt->mode,
					eb_trial_variant(lt, names[i]), tier_of(r));
		eb_fold(res, tier_of(r), lt->mode, 0, &b, &r->params, names, n);
		rc = eb_xray_pair(&s, vars, n, r->params.k);
	}
	eb_proto_free(b.proto);
	eb_xray_setup_free(&s);
	return rc;
}

/* A results document like run's, of the x-ray's tier, for its boots. */
static json_t *new_results(const struct eb_xray_request *r, const char *qemu,
			   struct eb_nested *nested, int *rc)
{
	char err[512], why[64];
	const char *tier = tier_of(r)->name;
	const struct eb_argv *cl = eb_command_line();

	snprintf(why, sizeof(why), "x-ray (%s)", tier);
	json_t *env = eb_env_collect(qemu, tier_of(r), why, err, sizeof(err));
	if (!env) {
		eb_error("%s: %s", r->cmd, err);
		*rc = EB_EXIT_FAILED;
		return NULL;
	}
	if (nested) {
		json_object_set_new(env, "nested", eb_nested_env(nested, json_object()));
		eb_env_seal(env);
	}
	return eb_results_new(cl->argc, cl->argv, env, json_pack(
		"{s:i, s:i, s:i, s:i, s:s, s:s, s:i}", "k", r->params.k,
		"batches", r->params.batches, "warmup", r->params.warmup,
		"trials", 1, "accel", tier, "boot", r->boot,
		"timeout_s", (int)r->timeout_s));
}

/* Tier nested: L1's kernel and initramfs, else NULL (with *rc if that failed). */
static struct eb_nested *start_nested(const struct eb_xray_request *r,
				      const char *qemu, int *rc)
{
	char why[1024], buf[1024];
	const char *problem = eb_tier("nested")->unusable("", buf, sizeof(buf));
	struct eb_nested *n = NULL;

	if (!r->nested)
		return NULL;
	if (!problem && !(n = eb_nested_start(qemu, NULL, NULL, r->verbose, why,
						      sizeof(why))))
		problem = why;
	if (problem) {
		eb_error("%s: tier nested cannot run here: %s", r->cmd, problem);
		*rc = EB_EXIT_BADUSAGE;
	}
	return n;
}

json_t *eb_xray_measure(const struct eb_xray_request *r, int *rc)
{
	struct eb_catalog cat;
	struct eb_nested *nested = NULL;
	json_t *res = NULL;

	*rc = eb_catalog_load(&cat, r->qemu, eb_kernel_dir(r->kernel_dir),
			      r->boot, r->timeout_s, r->verbose);
	if (*rc != EB_EXIT_OK)
		return NULL;
	if (!resolve(r, &cat))
		*rc = EB_EXIT_BADUSAGE;
	else
		nested = start_nested(r, cat.e[0].qemu, rc);
	if (*rc == EB_EXIT_OK)
		res = new_results(r, cat.e[0].qemu, nested, rc);
	for (size_t i = 0; res && *rc == EB_EXIT_OK && i < cat.n; i++)
		*rc = xray_image(r, nested, &cat, i, res);
	eb_nested_free(nested);
	eb_catalog_free(&cat);
	if (res && *rc != EB_EXIT_OK) {
		json_decref(res);
		res = NULL;
	}
	if (res)
		eb_results_finish(res);
	return res;
}
