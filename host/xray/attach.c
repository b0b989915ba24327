/* SPDX-License-Identifier: MIT */
/* X-rays attached to a measured results file: xray/attach.h. */
#include <stdio.h>
#include <string.h>

#include "lib/cli.h"
#include "lib/command.h"
#include "results/results.h"
#include "xray/attach.h"
#include "xray/xray_run.h"

static bool wanted(const json_t *v, const char *const *only, size_t n)
{
	const char *name = json_string_value(json_object_get(v, "name"));
	const char *status = json_string_value(json_object_get(v, "status"));

	if (!status || strcmp(status, "pass") != 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (strcmp(only[i], name) == 0)
			return true;
	return n == 0;
}

int eb_xray_copy_back(json_t *res, const json_t *xr, const char *cmd)
{
	size_t i;
	json_t *w;

	json_array_foreach(json_object_get(xr, "variants"), i, w) {
		json_t *v = eb_results_same_variant(res, w);
		const json_t *x = json_object_get(w, "xray");
		double median = json_real_value(json_object_get(
			json_object_get(v, "summary"), "median"));
		if (!v || !x)
			continue;
		if ((double)json_integer_value(json_object_get(x, "insns")) != median) {
			eb_error("%s: %s: the x-ray boot counted %lld insns, the run "
				 "%g: not the same kernel or parameters?", cmd,
				 json_string_value(json_object_get(w, "name")),
				 json_integer_value(json_object_get(x, "insns")), median);
			return EB_EXIT_FAILED;
		}
		json_object_set(v, "xray", json_object_get(w, "xray"));
	}
	return EB_EXIT_OK;
}

int eb_xray_attach(json_t *res, const char *cmd, const char *kernel_dir,
		   const char *qemu, const char *const *only, size_t n)
{
	const json_t *p = json_object_get(res, "parameters");
	const char *names[512];
	size_t i, count = 0;
	json_t *v;
	int rc;

	json_array_foreach(json_object_get(res, "variants"), i, v)
		if (wanted(v, only, n) && count < sizeof(names) / sizeof(names[0]))
			names[count++] = json_string_value(json_object_get(v, "name"));
	if (!count)
		return EB_EXIT_OK;
	struct eb_xray_request r = {
		.cmd = cmd, .kernel_dir = kernel_dir, .qemu = qemu,
		.boot = json_string_value(json_object_get(p, "boot")),
		.params = {
			.k = json_integer_value(json_object_get(p, "k")),
			.batches = json_integer_value(json_object_get(p, "batches")),
			.warmup = json_integer_value(json_object_get(p, "warmup")),
		},
		.timeout_s = 60, .names = names, .n = count,
	};
	fprintf(stderr, "%s: x-raying %zu variant%s\n", cmd, count,
		count == 1 ? "" : "s");
	json_t *xr = eb_xray_measure(&r, &rc);
	if (xr)
		rc = eb_xray_copy_back(res, xr, cmd);
	json_decref(xr);
	return rc;
}

bool eb_xray_explain(const json_t *v, const json_t *w, char *out, size_t size)
{
	const json_t *a = json_object_get(v, "xray"), *b = json_object_get(w, "xray");
	char diff[2048];

	if (!a || !b)
		return false;
	eb_xray_diff(a, b, diff, sizeof(diff));
	snprintf(out, size, "%s %+lld: %s",
		 json_string_value(json_object_get(w, "name")),
		 json_integer_value(json_object_get(b, "insns")) -
		 json_integer_value(json_object_get(a, "insns")),
		 *diff ? diff : "no function's count moved");
	return true;
}
