/* SPDX-License-Identifier: MIT */
/* The human view of a results document, used by `run` and `show`. */
#ifndef EB_TABLE_H
#define EB_TABLE_H

#include <stdio.h>

#include <jansson.h>

/* Prints the table; returns the number of variants not pass/skipped. */
int eb_table_print(FILE *f, const json_t *res);

#endif
