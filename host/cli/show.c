/* SPDX-License-Identifier: MIT */
/* entrybench show: print a results file as the table `run` prints. */
#include <stdio.h>
#include <string.h>

#include "lib/cli.h"
#include "lib/command.h"
#include "results/results.h"
#include "results/table.h"

static int show(int argc, char **argv)
{
	char err[512];

	if (argc == 2 && strcmp(argv[1], "--help") == 0) {
		puts("usage: entrybench show FILE");
		return EB_EXIT_OK;
	}
	if (argc != 2 || argv[1][0] == '-') {
		eb_error("usage: entrybench show FILE");
		return EB_EXIT_BADUSAGE;
	}
	json_t *res = eb_results_read(argv[1], err, sizeof(err));
	if (!res) {
		eb_error("%s", err);
		return EB_EXIT_BADUSAGE;
	}
	const json_t *env = json_object_get(res, "environment");
	printf("%s: created %s by entrybench %s\nfingerprint %s\n", argv[1],
	       json_string_value(json_object_get(res, "created")),
	       json_string_value(json_object_get(res, "entrybench_version")),
	       json_string_value(json_object_get(env, "fingerprint")));
	if (eb_results_interrupted(res))
		printf("interrupted: the run was cut short; variants it never "
		       "reached are absent\n");
	eb_table_print(stdout, res);
	json_decref(res);
	return EB_EXIT_OK;
}

EB_COMMAND("show", show, "print a results file as a table");
