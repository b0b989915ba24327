/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_rng.h>

#include "results/results.h"
#include "run/abba_boots.h"
#include "run/run_as_child.h"
#include "stats/cycle_gate_test.h"

#define MAXARGS	48

/* Adds the trials of one boot (index of the arm) to the arm's document. */
static void fold(json_t **arm, json_t *boot, int index)
{
	size_t i, j;
	json_t *v, *t;

	json_array_foreach(json_object_get(boot, "variants"), i, v)
		json_array_foreach(json_object_get(v, "trials"), j, t)
			json_object_set_new(t, "boot", json_integer(index));
	if (!*arm) {
		*arm = json_incref(boot);
		return;
	}
	json_array_foreach(json_object_get(boot, "variants"), i, v) {
		json_t *into = eb_results_variant(*arm,
			json_string_value(json_object_get(v, "name")),
			json_string_value(json_object_get(v, "mode")));
		if (into)
			json_array_extend(json_object_get(into, "trials"),
					  json_object_get(v, "trials"));
		else
			json_array_append(json_object_get(*arm, "variants"), v);
	}
}

bool eb_abba_run(const struct eb_abba_set *s, struct eb_abba_result *r,
		 char *err, size_t size)
{
	size_t nboots = 4 * s->blocks;
	int trials[2] = { 0, 0 };
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);

	*r = (struct eb_abba_result){ .order = calloc(nboots + 1, 1) };
	if (!rng || !r->order)
		abort();
	gsl_rng_set(rng, s->seed);
	eb_gate_abba(rng, s->blocks, r->order);
	gsl_rng_free(rng);

	for (size_t i = 0; i < nboots; i++) {
		int a = r->order[i] == 'B';
		const char *args[MAXARGS] = { "--trials", "1", "--kernel-dir",
					      a ? s->new_dir : s->base_dir };
		size_t n = 4;
		char out[4096];

		for (const char *const *p = s->run_args; *p && n < MAXARGS - 1; p++)
			args[n++] = *p;
		snprintf(out, sizeof(out), "%s/boot-%zu-%c.json", s->scratch, i,
			 r->order[i]);
		fprintf(stderr, "boot %zu/%zu: %s\n", i + 1, nboots,
			a ? "candidate (B)" : "base (A)");
		json_t *boot = eb_selfrun(args, out, err, size);
		unlink(out);	/* the arm's document keeps every trial */
		if (!boot)
			return false;
		fold(&r->arm[a], boot, trials[a]++);
		json_decref(boot);
	}
	for (int a = 0; a < 2; a++) {
		json_object_set_new(json_object_get(r->arm[a], "parameters"),
				    "trials", json_integer(trials[a]));
		eb_results_finish(r->arm[a]);
		json_object_set_new(r->arm[a], "abba", json_pack("{s:s, s:s, s:I}",
			"arm", a ? "B" : "A", "order", r->order,
			"seed", (json_int_t)s->seed));
	}
	return true;
}

void eb_abba_free(struct eb_abba_result *r)
{
	json_decref(r->arm[0]);
	json_decref(r->arm[1]);
	free(r->order);
}
