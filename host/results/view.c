/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "results/table.h"
#include "results/view.h"
#include "tiers/tier.h"

/* Out of memory is not a condition a report can recover from. */
static void *grow(void *p, size_t n, size_t size)
{
	p = realloc(p, (n ? n : 1) * size);
	if (!p)
		abort();
	return p;
}

static char *vformat(const char *fmt, va_list ap)
{
	char *s;

	if (vasprintf(&s, fmt, ap) < 0)
		abort();
	return s;
}

struct eb_view *eb_view_new(const char *command)
{
	struct eb_view *v = calloc(1, sizeof(*v));

	if (!v || !(v->members = json_object()))
		abort();
	v->command = command;
	return v;
}

static void table_free(struct eb_vtable *t)
{
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i].text);
	for (size_t i = 0; i < t->ncaption; i++)
		free(t->caption[i]);
	free(t->cells);
	free(t->caption);
	free(t->name);
	free(t);
}

void eb_view_free(struct eb_view *v)
{
	if (!v)
		return;
	for (size_t i = 0; i < v->nitems; i++) {
		free(v->items[i].line);
		if (v->items[i].table)
			table_free(v->items[i].table);
	}
	free(v->items);
	json_decref(v->members);
	free(v);
}

static struct eb_vitem *item(struct eb_view *v, enum eb_vitem_kind kind)
{
	v->items = grow(v->items, v->nitems + 1, sizeof(*v->items));
	v->items[v->nitems] = (struct eb_vitem){ .kind = kind };
	return &v->items[v->nitems++];
}

void eb_view_line(struct eb_view *v, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	item(v, EB_VITEM_LINE)->line = vformat(fmt, ap);
	va_end(ap);
}

void eb_view_text(struct eb_view *v, const char *text, bool pre)
{
	while (*text) {
		size_t len = strcspn(text, "\n");
		char *line = strndup(text, len);

		if (!line)
			abort();
		item(v, pre ? EB_VITEM_PRE : EB_VITEM_LINE)->line = line;
		text += len + (text[len] == '\n');
	}
}

void eb_view_set(struct eb_view *v, const char *key, json_t *value)
{
	json_object_set_new(v->members, key, value ? value : json_null());
}

struct eb_vtable *eb_view_table(struct eb_view *v, const char *tier,
				const char *name, const struct eb_col *cols,
				size_t ncols)
{
	const struct eb_tier *known = eb_tier(tier);
	struct eb_vtable *t = calloc(1, sizeof(*t));

	if (!t || (name && !(t->name = strdup(name))))
		abort();
	/* Readers refuse unknown tiers; a name alone still says which. */
	t->tier = known ? known->name : tier;
	t->unit = known ? known->unit : "";
	t->describe = known ? known->describe : NULL;
	t->caveat = known ? known->caveats : NULL;
	t->cols = cols;
	t->ncols = ncols;
	item(v, EB_VITEM_TABLE)->table = t;
	return t;
}

void eb_vtable_caption(struct eb_vtable *t, const char *fmt, ...)
{
	va_list ap;

	t->caption = grow(t->caption, t->ncaption + 1, sizeof(*t->caption));
	va_start(ap, fmt);
	t->caption[t->ncaption++] = vformat(fmt, ap);
	va_end(ap);
}

void eb_vrow(struct eb_vtable *t)
{
	t->cells = grow(t->cells, (t->nrows + 1) * t->ncols, sizeof(*t->cells));
	for (size_t c = 0; c < t->ncols; c++)
		t->cells[t->nrows * t->ncols + c] = (struct eb_vcell){ .x = NAN };
	t->nrows++;
	t->at = 0;
}

/* The next cell of the current row; a cell past the last column is a bug. */
static struct eb_vcell *next(struct eb_vtable *t)
{
	if (!t->nrows || t->at >= t->ncols)
		abort();
	return &t->cells[(t->nrows - 1) * t->ncols + t->at++];
}

void eb_vstr(struct eb_vtable *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	next(t)->text = vformat(fmt, ap);
	va_end(ap);
}

void eb_vfigure(struct eb_vtable *t, double x, bool sign)
{
	char text[64];
	struct eb_vcell *c = next(t);

	eb_format_figure(text, sizeof(text), x, t->unit, sign);
	/* An exact count is what the table shows (GSL's p5 of {3, 3} is 3). */
	if (strcmp(t->unit, "insns") == 0 && !isnan(x))
		x = strtod(text, NULL);
	*c = (struct eb_vcell){ .text = strdup(text), .x = x, .number = true };
	if (!c->text)
		abort();
}

void eb_vnumber(struct eb_vtable *t, double x, const char *fmt)
{
	char text[64];
	struct eb_vcell *c = next(t);

	if (isnan(x))
		snprintf(text, sizeof(text), "-");
	else
		snprintf(text, sizeof(text), fmt, x);
	*c = (struct eb_vcell){ .text = strdup(text), .x = x, .number = true };
	if (!c->text)
		abort();
}

void eb_vempty(struct eb_vtable *t)
{
	next(t);
}

void eb_vskip_to(struct eb_vtable *t, const char *key)
{
	while (t->at < t->ncols && strcmp(t->cols[t->at].key, key) != 0)
		t->at++;
	if (t->at == t->ncols)
		abort();	/* no such column: a bug in the view */
}
