/* SPDX-License-Identifier: MIT */
/* entrybench show: print a results file as the table `run` prints. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "command.h"
#include "provenance.h"
#include "results.h"
#include "table.h"

/* Cycle tiers: what sets the clock the cycles were counted at. */
static void cpu_power(const json_t *env)
{
	const json_t *p = json_object_get(env, "cpu_power"), *v;
	const char *key;
	bool first = true;

	if (!json_is_object(p))
		return;
	printf("cpu power:");
	json_object_foreach((json_t *)p, key, v) {
		printf("%s %s %s", first ? "" : ",", key, json_is_string(v) ?
		       json_string_value(v) : "unavailable");
		first = false;
	}
	putchar('\n');
}

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
	eb_provenance_print(stdout, res);
	cpu_power(env);
	if (eb_results_interrupted(res))
		printf("interrupted: the run was cut short; variants it never "
		       "reached are absent\n");
	eb_table_print(stdout, res);
	json_decref(res);
	return EB_EXIT_OK;
}

EB_COMMAND("show", show, "print a results file as a table");
