/* SPDX-License-Identifier: MIT */
/*
 * What a command shows, as data: the lines of text and the tables of one
 * view (show's variants, compare's changes, the gate's verdicts), in the
 * order a reader meets them.  The output formats are renderers of it
 * (results/render.h): a terminal table, Markdown for a pull request, CSV
 * and JSON for programs.  A command builds its view once, whatever the
 * format, so that the formats cannot disagree about a figure.
 *
 * Every table belongs to a tier: its caption names the tier and its unit
 * (and the tier's caveat), so no figure is ever printed without them.
 */
#ifndef EB_VIEW_H
#define EB_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

/* Column flags. */
enum {
	EB_COL_RIGHT = 1,	/* right-aligned (figures) */
	EB_COL_HUMAN = 2,	/* table and Markdown only: "[lo, hi]" */
	EB_COL_DATA = 4,	/* CSV and JSON only: the interval's ends */
};

struct eb_col {
	const char *key;	/* JSON member and CSV header: snake_case */
	const char *head;	/* table and Markdown header */
	unsigned flags;
};

struct eb_view;
struct eb_vtable;

struct eb_view *eb_view_new(const char *command);
void eb_view_free(struct eb_view *v);

/*
 * A line of prose where it stands; "" is a blank line, which only the
 * terminal table prints.  JSON collects the lines in "notes".
 */
void eb_view_line(struct eb_view *v, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Lines of prose (pre false) or a block kept as it is laid out (pre true:
 * a table this model does not hold yet), split at newlines.
 */
void eb_view_text(struct eb_view *v, const char *text, bool pre);

/* A top-level member of the JSON output ("verdict", "base"); takes value. */
void eb_view_set(struct eb_view *v, const char *key, json_t *value);

/*
 * A table of figures in the unit of tier (a registered tier's name); name
 * tells tables of one view apart in JSON ("set 1"), NULL if there is one
 * kind.  cols is borrowed and must outlive the view.
 */
struct eb_vtable *eb_view_table(struct eb_view *v, const char *tier,
				const char *name, const struct eb_col *cols,
				size_t ncols);

/* A caption line after the tier's (what a ratio or interval is). */
void eb_vtable_caption(struct eb_vtable *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Starts a row; cells are then added in column order, and the cells a row
 * lacks at the end are empty.
 */
void eb_vrow(struct eb_vtable *t);

/* A text cell. */
void eb_vstr(struct eb_vtable *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A figure in the table's unit, shown as eb_format_figure() does. */
void eb_vfigure(struct eb_vtable *t, double x, bool sign);

/* A number shown with a printf format (one double); NaN: "-", null. */
void eb_vnumber(struct eb_vtable *t, double x, const char *fmt);

/* An empty cell (null in JSON). */
void eb_vempty(struct eb_vtable *t);

/* Empty cells up to the column `key`, which the next cell fills. */
void eb_vskip_to(struct eb_vtable *t, const char *key);

/* ---- for the renderers ---- */

enum eb_vitem_kind { EB_VITEM_LINE, EB_VITEM_PRE, EB_VITEM_TABLE };

struct eb_vcell {
	char *text;		/* as the table shows it; NULL: empty */
	double x;		/* a number's value (NaN: none) */
	bool number;
};

struct eb_vtable {
	const char *tier, *unit, *describe, *caveat;
	char *name;
	char **caption;
	size_t ncaption;
	const struct eb_col *cols;
	size_t ncols;
	struct eb_vcell *cells;	/* nrows * ncols */
	size_t nrows, at;	/* at: the next cell of the last row */
};

struct eb_vitem {
	enum eb_vitem_kind kind;
	char *line;			/* LINE, PRE */
	struct eb_vtable *table;	/* TABLE */
};

struct eb_view {
	const char *command;
	struct eb_vitem *items;
	size_t nitems, rendered;	/* rendered: eb_view_flush() */
	json_t *members;
};

/* Is column c of t shown in a human format (table, Markdown)? */
static inline bool eb_col_human(const struct eb_col *c)
{
	return !(c->flags & EB_COL_DATA);
}

static inline bool eb_col_data(const struct eb_col *c)
{
	return !(c->flags & EB_COL_HUMAN);
}

static inline const struct eb_vcell *eb_vcell(const struct eb_vtable *t,
					       size_t row, size_t col)
{
	return &t->cells[row * t->ncols + col];
}

#endif
