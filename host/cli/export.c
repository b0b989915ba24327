/* SPDX-License-Identifier: MIT */
/* entrybench export: results file -> another tool's format. */
#include <stdio.h>
#include <string.h>

#include "lib/cli.h"
#include "lib/command.h"
#include "lib/options.h"
#include "results/export_gbench.h"
#include "results/results.h"

static const char *const formats[] = { "gbench", NULL };

static const struct eb_usage usage = {
	.cmd = "export",
	.min_operands = 1, .max_operands = 1, .operands = "FILE",
	.synopsis = "[--format gbench] FILE [-o OUT]",
	.text = "gbench (the default): Google Benchmark JSON for\n"
		"/usr/share/benchmark/compare.py; benchmark names are\n"
		"<variant>/<tier>/<unit>, the figure is in real_time, cpu_time and a\n"
		"counter named after the unit, time_unit \"ns\" is a placeholder.\n"
		"Exit status: 0, or 2 for bad usage, an unreadable FILE or nothing\n"
		"to export.\n",
};

static int export(int argc, char **argv)
{
	const char *format = "gbench", *out = NULL;
	struct eb_option opts[] = {
		EB_OPT_CHOICE("format", &format, formats, "FORMAT", "output format"),
		EB_OPT_STRING("output", 'o', &out, "OUT",
			      "write here instead of to stdout"),
		EB_OPT_END,
	};
	char err[512];
	int first;

	int rc = eb_options_command(&usage, opts, argc, argv, &first);
	if (rc >= 0)
		return rc;
	json_t *res = eb_results_read(argv[first], err, sizeof(err));
	if (!res) {
		eb_error("%s", err);
		return EB_EXIT_BADUSAGE;
	}
	json_t *gb = eb_export_gbench(res);
	rc = EB_EXIT_OK;
	/* A torture has verdicts, not timings: no empty file posing as one. */
	if (!json_array_size(json_object_get(gb, "benchmarks"))) {
		eb_error("export: %s: no variant has a timed, passing trial: "
			 "nothing to export", argv[first]);
		rc = EB_EXIT_BADUSAGE;
	} else if (out && (!eb_mkdirs_for(out, err, sizeof(err)) ||
			   !eb_results_write(gb, out, err, sizeof(err)))) {
		eb_error("export: %s", err);
		rc = EB_EXIT_BADUSAGE;
	} else if (!out && json_dumpf(gb, stdout, JSON_INDENT(2))) {
		eb_error("export: cannot write stdout");
		rc = EB_EXIT_BADUSAGE;
	} else if (!out) {
		putchar('\n');
	}
	json_decref(gb);
	json_decref(res);
	return rc;
}

EB_COMMAND("export", export, "export a results file (Google Benchmark JSON)");
