/* SPDX-License-Identifier: MIT */
/* entrybench export: results file -> another tool's format. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "command.h"
#include "gbench.h"
#include "results.h"

static const char usage[] =
	"usage: entrybench export --format gbench FILE [-o OUT]\n"
	"gbench: Google Benchmark JSON for /usr/share/benchmark/compare.py;\n"
	"benchmark names are <variant>/<tier>/<unit>, time_unit is a placeholder.\n";

static int export(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	const char *format = NULL, *out = NULL;
	char err[512];
	int c;

	while ((c = eb_getopt_long(argc, argv, "f:o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'f': format = optarg; break;
		case 'o': out = optarg; break;
		case 'h': fputs(usage, stdout); return EB_EXIT_OK;
		default: fputs(usage, stderr); return EB_EXIT_BADUSAGE;
		}
	}
	if (!format || strcmp(format, "gbench") != 0 || optind != argc - 1) {
		eb_error(!format ? "export: --format is required (gbench)" :
			 strcmp(format, "gbench") ? "export: unknown --format (expected gbench)" :
			 "export: expected exactly one results FILE");
		return EB_EXIT_BADUSAGE;
	}
	json_t *res = eb_results_read(argv[optind], err, sizeof(err));
	if (!res) {
		eb_error("%s", err);
		return EB_EXIT_BADUSAGE;
	}
	json_t *gb = eb_gbench(res);
	int rc = EB_EXIT_OK;
	/* A torture has verdicts, not timings: no empty file posing as one. */
	if (!json_array_size(json_object_get(gb, "benchmarks"))) {
		eb_error("export: %s: no variant has a timed, passing trial: "
			 "nothing to export", argv[optind]);
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

EB_COMMAND("export", export, "export a results file (--format gbench)");
