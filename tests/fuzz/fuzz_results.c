/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: the results reader, and what reads a document once the
 * reader has accepted it (table, gbench export).  The reader's promise is
 * that an accepted document has every field its consumers dereference, with
 * the right type; a crash here breaks that promise.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "results/export_gbench.h"
#include "results/results.h"
#include "results/table.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *null;
	char err[512];

	if (!null && !(null = fopen("/dev/null", "w")))
		abort();
	json_t *res = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES,
				 NULL);
	if (res && eb_results_valid(res, "input", err, sizeof(err))) {
		eb_table_print(null, res);
		json_decref(eb_export_gbench(res));
	}
	json_decref(res);
	return 0;
}
