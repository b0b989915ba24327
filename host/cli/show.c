/* SPDX-License-Identifier: MIT */
/* entrybench show: print a results file as the table `run` prints. */
#include <stdbool.h>
#include <stdio.h>

#include "lib/cli.h"
#include "lib/command.h"
#include "lib/options.h"
#include "results/provenance.h"
#include "results/results.h"
#include "results/table.h"

static const struct eb_usage usage = {
	.cmd = "show",
	.min_operands = 1, .max_operands = 1, .operands = "FILE",
	.synopsis = "FILE",
	.text = "Prints the results FILE's origin (date, entrybench version,\n"
		"environment fingerprint) and the tables `run` printed.\n"
		"Exit status: 0, or 2 when FILE is not a readable results file.\n",
};

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
	struct eb_option opts[] = { EB_OPT_END };
	char err[512];
	int first;

	int rc = eb_options_command(&usage, opts, argc, argv, &first);
	if (rc >= 0)
		return rc;
	const char *path = argv[first];
	json_t *res = eb_results_read(path, err, sizeof(err));
	if (!res) {
		eb_error("%s", err);
		return EB_EXIT_BADUSAGE;
	}
	const json_t *env = json_object_get(res, "environment");
	printf("%s: created %s by entrybench %s\nfingerprint %s\n", path,
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
