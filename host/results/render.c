/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <libsmartcols.h>

#include "lib/array.h"
#include "results/render.h"

const char *const eb_format_names[] = { "table", "markdown", "csv", "json", NULL };
_Static_assert(N_OF(eb_format_names) == EB_FORMAT_JSON + 2,
	       "a name per format");

enum eb_format eb_format_of(const char *name)
{
	for (int i = 0; eb_format_names[i]; i++)
		if (name && strcmp(name, eb_format_names[i]) == 0)
			return (enum eb_format)i;
	return EB_FORMAT_TABLE;
}

/* "tier tcg (TCG ...), unit insns": what every figure below is. */
static void tier_line(FILE *f, const struct eb_vtable *t)
{
	fprintf(f, "tier %s", t->tier);
	if (t->describe)
		fprintf(f, " (%s)", t->describe);
	fprintf(f, ", unit %s\n", t->unit);
}

/* ---- table: libsmartcols ---- */

/*
 * Aligned by libsmartcols, never cut to the terminal's width: a figure
 * must not lose digits because a window is narrow, and the output is the
 * same on a terminal and in a pipe.
 */
static void sc_table(FILE *f, const struct eb_vtable *t)
{
	struct libscols_table *tb = scols_new_table();
	size_t *col = calloc(t->ncols + 1, sizeof(*col)), n = 0;

	if (!tb || !col)
		abort();
	scols_table_set_termforce(tb, SCOLS_TERMFORCE_NEVER);
	scols_table_set_stream(tb, f);
	for (size_t c = 0; c < t->ncols; c++) {
		if (!eb_col_human(&t->cols[c]))
			continue;
		if (!scols_table_new_column(tb, t->cols[c].head, 0,
				t->cols[c].flags & EB_COL_RIGHT ? SCOLS_FL_RIGHT : 0))
			abort();
		col[n++] = c;
	}
	for (size_t r = 0; r < t->nrows; r++) {
		struct libscols_line *ln = scols_table_new_line(tb, NULL);
		if (!ln)
			abort();
		for (size_t i = 0; i < n; i++) {
			const char *s = eb_vcell(t, r, col[i])->text;
			if (scols_line_set_data(ln, i, s ? s : "") != 0)
				abort();
		}
	}
	fflush(f);	/* smartcols writes to f with its own calls */
	scols_print_table(tb);
	scols_unref_table(tb);
	free(col);
}

static void table_item(FILE *f, const struct eb_vitem *it)
{
	const struct eb_vtable *t = it->table;

	if (it->kind != EB_VITEM_TABLE) {
		fprintf(f, "%s\n", it->line);
		return;
	}
	tier_line(f, t);
	if (t->caveat)
		fprintf(f, "caveat: %s\n", t->caveat);
	for (size_t i = 0; i < t->ncaption; i++)
		fprintf(f, "%s\n", t->caption[i]);
	sc_table(f, t);
}

void eb_view_flush(FILE *f, struct eb_view *v, enum eb_format fmt)
{
	if (fmt != EB_FORMAT_TABLE)
		return;
	for (; v->rendered < v->nitems; v->rendered++)
		table_item(f, &v->items[v->rendered]);
	fflush(f);
}

/* ---- markdown ---- */

/*
 * Backslash before every character Markdown (GitHub's) could take for
 * markup: a variant name or a reason is shown, never interpreted.  A line
 * break would end a table row: <br>.
 */
static void md_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '\n') {
			fputs("<br>", f);
			continue;
		}
		if (strchr("\\`*_[]<>|#~", *s))
			fputc('\\', f);
		fputc(*s, f);
	}
}

static void md_caption(FILE *f, const struct eb_vtable *t)
{
	fprintf(f, "**tier %s, unit %s**", t->tier, t->unit);
	if (t->describe) {
		fputs(": ", f);
		md_text(f, t->describe);
	}
	if (t->caveat) {
		fputs("<br>\n*caveat: ", f);
		md_text(f, t->caveat);
		fputc('*', f);
	}
	for (size_t i = 0; i < t->ncaption; i++) {
		fputs("<br>\n", f);
		md_text(f, t->caption[i]);
	}
	fputs("\n\n", f);
}

static void md_table(FILE *f, const struct eb_vtable *t)
{
	md_caption(f, t);
	for (size_t c = 0; c < t->ncols; c++)
		if (eb_col_human(&t->cols[c])) {
			fputs("| ", f);
			md_text(f, t->cols[c].head);
			fputc(' ', f);
		}
	fputs("|\n", f);
	for (size_t c = 0; c < t->ncols; c++)
		if (eb_col_human(&t->cols[c]))
			fputs(t->cols[c].flags & EB_COL_RIGHT ? "| ---: " : "| :--- ", f);
	fputs("|\n", f);
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			const char *s = eb_vcell(t, r, c)->text;
			if (!eb_col_human(&t->cols[c]))
				continue;
			fputs("| ", f);
			md_text(f, s ? s : "");
			fputc(' ', f);
		}
		fputs("|\n", f);
	}
	fputc('\n', f);
}

static void markdown(FILE *f, const struct eb_view *v)
{
	const char *verdict = json_string_value(json_object_get(v->members,
								"verdict"));

	/* A pull-request comment opens with what it is, and the outcome. */
	fprintf(f, "#### entrybench %s%s%s\n\n", v->command, verdict ? ": " : "",
		verdict ? verdict : "");
	for (size_t i = 0; i < v->nitems; i++) {
		const struct eb_vitem *it = &v->items[i];
		if (it->kind == EB_VITEM_TABLE) {
			md_table(f, it->table);
		} else if (it->kind == EB_VITEM_PRE) {
			/* A run of laid-out lines is one fenced block. */
			fputs("```text\n", f);
			for (; i < v->nitems && v->items[i].kind == EB_VITEM_PRE; i++)
				fprintf(f, "%s\n", v->items[i].line);
			fputs("```\n\n", f);
			i--;
		} else if (*it->line) {
			/* Indented by 4, a paragraph would become code. */
			md_text(f, it->line + strspn(it->line, " "));
			fputs("\n\n", f);
		}
	}
}

/* ---- csv ---- */

/* RFC 4180: quoted when it holds a separator, a quote or a line break. */
static void csv_field(FILE *f, const char *s, bool first)
{
	if (!first)
		fputc(',', f);
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

/* The shortest decimal that reads back as x: 92, 55.5, 1.0543478260869565. */
static void shortest(char *out, size_t size, double x)
{
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(out, size, "%.*g", prec, x);
		if (strtod(out, NULL) == x)
			return;
	}
}

static void csv_cell(FILE *f, const struct eb_vcell *c)
{
	char num[64];

	if (c->number && isfinite(c->x)) {
		shortest(num, sizeof(num), c->x);
		csv_field(f, num, false);
	} else {
		csv_field(f, c->number || !c->text ? "" : c->text, false);
	}
}

/* Do a and b have the same data columns (one header serves both)? */
static bool same_columns(const struct eb_vtable *a, const struct eb_vtable *b)
{
	if (!a || a->ncols != b->ncols)
		return false;
	for (size_t c = 0; c < a->ncols; c++)
		if (strcmp(a->cols[c].key, b->cols[c].key) != 0 ||
		    a->cols[c].flags != b->cols[c].flags)
			return false;
	return true;
}

static void csv(FILE *f, const struct eb_view *v)
{
	const struct eb_vtable *last = NULL;

	for (size_t i = 0; i < v->nitems; i++) {
		const struct eb_vtable *t = v->items[i].table;
		if (!t)
			continue;
		if (!same_columns(last, t)) {
			fputs("tier,unit", f);
			for (size_t c = 0; c < t->ncols; c++)
				if (eb_col_data(&t->cols[c]))
					csv_field(f, t->cols[c].key, false);
			fputc('\n', f);
		}
		last = t;
		for (size_t r = 0; r < t->nrows; r++) {
			csv_field(f, t->tier, true);
			csv_field(f, t->unit, false);
			for (size_t c = 0; c < t->ncols; c++)
				if (eb_col_data(&t->cols[c]))
					csv_cell(f, eb_vcell(t, r, c));
			fputc('\n', f);
		}
	}
}

/* ---- json ---- */

/* Counts as integers (92, not 92.0); NaN (no figure) as null. */
static json_t *json_cell(const struct eb_vcell *c)
{
	if (!c->number)
		return c->text ? json_string(c->text) : json_null();
	if (!isfinite(c->x))
		return json_null();
	if (c->x == rint(c->x) && fabs(c->x) < 9007199254740992.0)
		return json_integer((json_int_t)c->x);
	return json_real(c->x);
}

static json_t *json_table(const struct eb_vtable *t)
{
	json_t *o = json_object(), *caption = json_array(), *rows = json_array();

	if (t->name)
		json_object_set_new(o, "name", json_string(t->name));
	json_object_set_new(o, "tier", json_string(t->tier));
	json_object_set_new(o, "unit", json_string(t->unit));
	json_object_set_new(o, "describe", t->describe ? json_string(t->describe) :
			    json_null());
	json_object_set_new(o, "caveat", t->caveat ? json_string(t->caveat) :
			    json_null());
	for (size_t i = 0; i < t->ncaption; i++)
		json_array_append_new(caption, json_string(t->caption[i]));
	json_object_set_new(o, "caption", caption);
	for (size_t r = 0; r < t->nrows; r++) {
		json_t *row = json_object();
		for (size_t c = 0; c < t->ncols; c++)
			if (eb_col_data(&t->cols[c]))
				json_object_set_new(row, t->cols[c].key,
						    json_cell(eb_vcell(t, r, c)));
		json_array_append_new(rows, row);
	}
	json_object_set_new(o, "rows", rows);
	return o;
}

static void json(FILE *f, const struct eb_view *v)
{
	json_t *doc = json_pack("{s:s}", "command", v->command);
	json_t *tables = json_array(), *notes = json_array();

	if (!doc || !tables || !notes)
		abort();
	json_object_update(doc, v->members);
	for (size_t i = 0; i < v->nitems; i++) {
		const struct eb_vitem *it = &v->items[i];
		if (it->table)
			json_array_append_new(tables, json_table(it->table));
		else if (*it->line)
			json_array_append_new(notes, json_string(it->line));
	}
	json_object_set_new(doc, "tables", tables);
	json_object_set_new(doc, "notes", notes);
	json_dumpf(doc, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', f);
	json_decref(doc);
}

bool eb_view_render(FILE *f, struct eb_view *v, enum eb_format fmt)
{
	switch (fmt) {
	case EB_FORMAT_TABLE:
		eb_view_flush(f, v, fmt);
		break;
	case EB_FORMAT_MARKDOWN:
		markdown(f, v);
		break;
	case EB_FORMAT_CSV:
		csv(f, v);
		break;
	case EB_FORMAT_JSON:
		json(f, v);
		break;
	}
	v->rendered = v->nitems;
	return fflush(f) == 0 && !ferror(f);
}
