/* SPDX-License-Identifier: MIT */
/*
 * The linux tier's table: probes down, kernel command lines across, one
 * block per CPU model, each cell a probe's median in that column (or its
 * status when it has none), beside the bench-kernel variant that models it.
 */
#ifndef EB_LINUX_TABLE_H
#define EB_LINUX_TABLE_H

#include <stdbool.h>
#include <stdio.h>

#include <jansson.h>

/* Prints it when res is a linux-tier file; false (nothing printed) if not. */
bool eb_linux_table_print(FILE *f, const json_t *res);

#endif
