/* SPDX-License-Identifier: MIT */
/* X-rays attached to a results file of the linux tier: xray/attach.h. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "lib/cli.h"
#include "lib/command.h"
#include "results/results.h"
#include "run/linux_run.h"
#include "tiers/linux.h"
#include "xray/attach.h"
#include "xray/xray_run.h"

#define MAX_JOBS	32
#define MAX_PROBES	64

/* The probes of one column that one program (/init or the helper) times. */
struct job {
	const char *column;
	bool helper;
	const char *names[MAX_PROBES];
	size_t n;
};

/* Passing, asked for, and a whole number of instructions per trip. */
static bool wanted(const json_t *v, json_t *const *only, size_t n)
{
	const char *status = json_string_value(json_object_get(v, "status"));
	double median = json_number_value(json_object_get(json_object_get(v,
					  "summary"), "median"));
	bool asked = n == 0;

	for (size_t i = 0; i < n && !asked; i++)
		asked = only[i] == v;
	return asked && status && strcmp(status, "pass") == 0 &&
	       median == floor(median) && eb_variant_column(v);
}

static size_t plan(json_t *res, json_t *const *only, size_t n, struct job *jobs)
{
	size_t i, njobs = 0;
	json_t *v;

	json_array_foreach(json_object_get(res, "variants"), i, v) {
		const char *name = json_string_value(json_object_get(v, "name"));
		const char *column = eb_variant_column(v);
		bool helper;
		size_t j;
		if (!wanted(v, only, n))
			continue;
		helper = eb_xray_linux_in_helper(name);
		for (j = 0; j < njobs; j++)
			if (strcmp(jobs[j].column, column) == 0 && jobs[j].helper == helper)
				break;
		if (j == njobs && njobs == MAX_JOBS)
			continue;
		if (j == njobs)
			jobs[njobs++] = (struct job){ .column = column, .helper = helper };
		if (jobs[j].n < MAX_PROBES)
			jobs[j].names[jobs[j].n++] = name;
	}
	return njobs;
}

/* One boot of a column ("amd", "intel pti=on") with the plugin. */
static int run_job(json_t *res, const char *cmd, const char *kernel,
		   const char *qemu, const struct job *j)
{
	const json_t *p = json_object_get(res, "parameters");
	char cpu[32];
	const char *space = strchr(j->column, ' ');
	int rc;

	snprintf(cpu, sizeof(cpu), "%.*s", space ? (int)(space - j->column) :
		 (int)strlen(j->column), j->column);
	struct eb_linux_options lo = {
		.kernel = kernel, .append = { space ? space + 1 : "" }, .nappend = 1,
		.cpu = { eb_linux_cpu(cpu) }, .ncpus = 1, .jobs = 1, .qemu = qemu,
	};
	struct eb_xray_request r = {
		.cmd = cmd, .qemu = qemu, .boot = "pvh", .timeout_s = 120,
		.params = {
			.k = json_integer_value(json_object_get(p, "k")),
			.batches = json_integer_value(json_object_get(p, "batches")),
			.warmup = json_integer_value(json_object_get(p, "warmup")),
		},
		.names = j->names, .n = j->n,
	};
	if (!lo.cpu[0]) {
		eb_error("%s: column %s: no CPU model %s", cmd, j->column, cpu);
		return EB_EXIT_BADUSAGE;
	}
	fprintf(stderr, "%s: x-raying %zu probe%s of column %s%s\n", cmd, j->n,
		j->n == 1 ? "" : "s", j->column, j->helper ? " (the 32-bit helper)" : "");
	json_t *xr = eb_xray_measure_linux(&r, &lo, &rc);
	if (xr)
		rc = eb_xray_copy_back(res, xr, cmd);
	json_decref(xr);
	return rc;
}

int eb_xray_attach_linux(json_t *res, const char *cmd, const char *kernel,
			 const char *qemu, json_t *const *only, size_t n)
{
	static struct job jobs[MAX_JOBS];
	size_t njobs = plan(res, only, n, jobs);
	int rc = EB_EXIT_OK;

	for (size_t j = 0; j < njobs && rc == EB_EXIT_OK; j++)
		rc = run_job(res, cmd, kernel, qemu, &jobs[j]);
	return rc;
}
