/* SPDX-License-Identifier: MIT */
/*
 * The output formats of show, compare and gate: renderers of one view
 * (results/view.h).
 *
 *   table     for a terminal: the prose as it stands, tables aligned by
 *             libsmartcols under a caption naming tier and unit
 *   markdown  for a pull-request comment: each table a GitHub table under
 *             a bold caption with tier and unit, prose as paragraphs,
 *             blocks this model does not hold yet fenced
 *   csv       RFC 4180 (LF line ends), one header row (keys) and one row per table row,
 *             every row led by its tier and unit; no prose
 *   json      one object: "command", the view's members, "tables" (each
 *             with tier, unit, caption and rows keyed by column), "notes"
 */
#ifndef EB_RENDER_H
#define EB_RENDER_H

#include <stdbool.h>
#include <stdio.h>

#include "results/view.h"

enum eb_format { EB_FORMAT_TABLE, EB_FORMAT_MARKDOWN, EB_FORMAT_CSV, EB_FORMAT_JSON };

/* What --format takes, NULL-terminated, in enum order. */
extern const char *const eb_format_names[];

/* The format of one of eb_format_names (table for anything else). */
enum eb_format eb_format_of(const char *name);

/* The --format option of every command that renders a view. */
#define EB_OPT_FORMAT(v) \
	EB_OPT_CHOICE("format", (v), eb_format_names, "F", \
		      "output as a table, markdown (a pull-request comment), " \
		      "csv or json")

/*
 * Renders what is not rendered yet: everything, or for the terminal table
 * what came after the last eb_view_flush().  False when writing failed.
 */
bool eb_view_render(FILE *f, struct eb_view *v, enum eb_format fmt);

/*
 * For the terminal table only, renders what the view holds so far (a long
 * command shows its first part while it goes on); the other formats are
 * one document, rendered whole by eb_view_render().
 */
void eb_view_flush(FILE *f, struct eb_view *v, enum eb_format fmt);

#endif
