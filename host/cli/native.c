/* SPDX-License-Identifier: MIT */
/*
 * entrybench native: time the host kernel's own entry paths (native/
 * bench_*.c) with Google Benchmark, keep its JSON next to the results, and
 * fold its repetitions into a results file of tier native.
 */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/cli.h"
#include "lib/command.h"
#include "lib/options.h"
#include "native/native.h"
#include "results/environment.h"
#include "results/results.h"
#include "results/table.h"

static const struct eb_usage usage = {
	.cmd = "native",
	.min_operands = 0, .max_operands = 0, .operands = NULL,
	.synopsis = "[options]",
	.text = "Google Benchmark's own JSON is written to FILE.gbench.json.\n"
		"A benchmark this host cannot run (no IA32 emulation, no hardware KVM,\n"
		"...) is skipped with the reason.  For tests, EB_VSYSCALL32_HELPER=PATH\n"
		"replaces the 32-bit helper and EB_KVM_DEV=PATH the KVM device.\n"
		"Exit status: 0 every benchmark ran or was skipped, 1 one failed,\n"
		"2 bad usage.\n",
};

struct options {
	const char *out, *filter;
	unsigned repetitions;
	double min_time;
};

/* Google Benchmark reports a bad regular expression only as "no match". */
static bool set_filter(void *ctx, const char *re)
{
	struct options *o = ctx;
	regex_t r;
	int rc = regcomp(&r, re, REG_EXTENDED | REG_NOSUB);

	if (rc == 0) {
		regfree(&r);
		o->filter = re;
		return true;
	}
	char msg[128];
	regerror(rc, &r, msg, sizeof(msg));
	eb_option_error("native", "--filter '%s': %s", re, msg);
	return false;
}

static int parse(int argc, char **argv, struct options *o)
{
	*o = (struct options){
		.out = "results/native.json", .repetitions = 5, .min_time = 0.1,
	};
	struct eb_option opts[] = {
		EB_OPT_STRING("out", 'o', &o->out, "FILE", "the results file"),
		EB_OPT_UINT("repetitions", 0, &o->repetitions, 1, 1000, "N",
			    "repetitions of each benchmark (trials)"),
		EB_OPT_DOUBLE("min-time", &o->min_time, 1e-6, 3600, "SECONDS",
			      "Google Benchmark's minimum time per repetition"),
		EB_OPT_CALLBACK("filter", 0, set_filter, o, "REGEX",
				"only the benchmarks whose name matches"),
		EB_OPT_END,
	};
	int first;

	int rc = eb_options_command(&usage, opts, argc, argv, &first);
	if (rc >= 0)
		return rc;
	return -1;
}

/* Runs the benchmarks and folds their JSON into res. */
static int measure(json_t *res, const struct options *o, const char *gb_path)
{
	size_t n;
	const struct eb_native_bench *const *benches = eb_native_all(&n);
	struct eb_gb_options gbo = {
		.repetitions = o->repetitions, .min_time_s = o->min_time,
		.filter = o->filter, .json_path = gb_path,
	};
	char err[512];
	json_error_t e;

	eb_native_register(benches, n);
	int ran = eb_gb_run(&gbo, err, sizeof(err));
	if (ran <= 0) {
		if (ran == 0)
			eb_error("native: no benchmark matches --filter '%s'",
				 o->filter);
		else
			eb_error("native: %s", err);
		return EB_EXIT_BADUSAGE;
	}
	json_t *gb = json_load_file(gb_path, 0, &e);
	if (!gb) {
		eb_error("native: %s: %s", gb_path, e.text);
		return EB_EXIT_FAILED;
	}
	bool ok = eb_native_fold(res, gb, benches, n, err, sizeof(err));
	json_decref(gb);
	if (!ok) {
		eb_error("native: %s: %s", gb_path, err);
		return EB_EXIT_FAILED;
	}
	return EB_EXIT_OK;
}

static int native(int argc, char **argv)
{
	const struct eb_tier *tier = eb_tier("native");
	struct options o;
	char err[512] = "", gb_path[4096];
	int rc = parse(argc, argv, &o);

	if (rc >= 0)
		return rc;
	if (snprintf(gb_path, sizeof(gb_path), "%s.gbench.json", o.out) >=
	    (int)sizeof(gb_path) || !eb_mkdirs_for(o.out, err, sizeof(err)) ||
	    !eb_results_probe(o.out, err, sizeof(err))) {
		eb_error("native: %s", *err ? err : "--out: path too long");
		return EB_EXIT_BADUSAGE;
	}
	json_t *env = eb_env_collect(NULL, tier, "native: no guest; the host "
				     "kernel, timed in this process", err,
				     sizeof(err));
	if (!env) {
		eb_error("native: %s", err);
		return EB_EXIT_FAILED;
	}
	const struct eb_argv *cl = eb_command_line();
	json_t *res = eb_results_new(cl->argc, cl->argv, env,
		json_pack("{s:i, s:f, s:s?}", "repetitions", o.repetitions,
			  "min_time_s", o.min_time, "filter", o.filter));

	rc = measure(res, &o, gb_path);
	if (rc == EB_EXIT_OK) {
		eb_results_finish(res);
		rc = eb_table_print(stdout, res) ? EB_EXIT_FAILED : EB_EXIT_OK;
		if (!eb_results_write(res, o.out, err, sizeof(err))) {
			eb_error("%s", err);
			rc = EB_EXIT_FAILED;
		} else {
			printf("\nwrote %s and %s\n", o.out, gb_path);
		}
	}
	json_decref(res);
	return rc;
}

EB_COMMAND("native", native, "time the host kernel's entry paths (Google Benchmark)");
