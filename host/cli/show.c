/* SPDX-License-Identifier: MIT */
/* entrybench show: print a results file as the table `run` prints. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "lib/cli.h"
#include "lib/command.h"
#include "lib/options.h"
#include "results/provenance.h"
#include "results/render.h"
#include "results/results.h"
#include "results/table.h"
#include "results/view.h"

static const struct eb_usage usage = {
	.cmd = "show",
	.min_operands = 1, .max_operands = 1, .operands = "FILE",
	.synopsis = "FILE",
	.text = "Prints the results FILE's origin (date, entrybench version,\n"
		"environment fingerprint) and the tables `run` printed, as a table\n"
		"for the terminal, Markdown, CSV (the figures only) or JSON.\n"
		"Exit status: 0, or 2 when FILE is not a readable results file.\n",
};

/* Cycle tiers: what sets the clock the cycles were counted at. */
static void cpu_power(FILE *f, const json_t *env)
{
	const json_t *p = json_object_get(env, "cpu_power"), *v;
	const char *key;
	bool first = true;

	if (!json_is_object(p))
		return;
	fprintf(f, "cpu power:");
	json_object_foreach((json_t *)p, key, v) {
		fprintf(f, "%s %s %s", first ? "" : ",", key, json_is_string(v) ?
			json_string_value(v) : "unavailable");
		first = false;
	}
	fputc('\n', f);
}

static const char *member(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

/* Where the file comes from: the lines above the tables. */
static void origin(struct eb_view *view, const char *path, const json_t *res)
{
	const json_t *env = json_object_get(res, "environment");
	char *text;
	size_t len;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		abort();
	fprintf(f, "%s: created %s by entrybench %s\nfingerprint %s\n", path,
		member(res, "created"), member(res, "entrybench_version"),
		member(env, "fingerprint"));
	eb_provenance_print(f, res);
	cpu_power(f, env);
	if (eb_results_interrupted(res))
		fprintf(f, "interrupted: the run was cut short; variants it never "
			"reached are absent\n");
	fclose(f);
	eb_view_text(view, text, false);
	free(text);
	eb_view_set(view, "file", json_string(path));
	eb_view_set(view, "created", json_string(member(res, "created")));
	eb_view_set(view, "fingerprint", json_string(member(env, "fingerprint")));
	eb_view_set(view, "interrupted", json_boolean(eb_results_interrupted(res)));
}

static int show(int argc, char **argv)
{
	const char *format = "table";
	struct eb_option opts[] = {
		EB_OPT_FORMAT(&format),
		EB_OPT_END,
	};
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
	struct eb_view *view = eb_view_new("show");
	origin(view, path, res);
	eb_table_view(view, res);
	eb_view_render(stdout, view, eb_format_of(format));
	eb_view_free(view);
	json_decref(res);
	return EB_EXIT_OK;
}

EB_COMMAND("show", show, "print a results file as a table");
