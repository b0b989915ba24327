/* SPDX-License-Identifier: MIT */
/*
 * The per-function difference of two x-rays (xray/xray.h): counts by
 * function name, and within a function whose count moved, which
 * instructions were added or removed: a longest-common-subsequence diff of
 * the executed mnemonics, each named with its offset on its own side.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xray/xray.h"

#define MAX_STEPS	2048	/* per function; beyond it, counts only */
#define MAX_NAMED	4	/* instructions named per function */

struct steps {
	char *buf;
	char *tok[MAX_STEPS];	/* "mov+0x3" */
	size_t n;
};

static bool split(const char *s, struct steps *st)
{
	st->n = 0;
	st->buf = strdup(s ? s : "");
	if (!st->buf)
		abort();
	for (char *p = st->buf, *t; (t = strsep(&p, " "));) {
		if (!*t)
			continue;
		if (st->n == MAX_STEPS)
			return false;
		st->tok[st->n++] = t;
	}
	return true;
}

/* Same mnemonic: the part before the '+'. */
static bool same(const char *a, const char *b)
{
	size_t la = strcspn(a, "+"), lb = strcspn(b, "+");
	return la == lb && strncmp(a, b, la) == 0;
}

static void append(char *out, size_t size, const char *fmt, ...)
{
	size_t len = strlen(out);
	va_list ap;

	if (len >= size)
		return;
	va_start(ap, fmt);
	vsnprintf(out + len, size - len, fmt, ap);
	va_end(ap);
}

/* "+nop at +0x0" for one side's step "nop+0x0". */
static void name_step(char *out, size_t size, char sign, const char *step,
		      int *named)
{
	const char *plus = strchr(step, '+');

	if ((*named)++ == MAX_NAMED) {
		append(out, size, ", ...");
		return;
	}
	append(out, size, "%s%s%.*s at %s", *named > 1 ? ", " : "",
	       sign == '-' ? "-" : "", (int)(plus ? plus - step : (long)strlen(step)),
	       step, plus ? plus : "?");
}

/* Which instructions differ between a and b (LCS over mnemonics). */
static void name_changes(const struct steps *a, const struct steps *b,
			 char *out, size_t size)
{
	size_t n = a->n, m = b->n;
	unsigned short *L = calloc((n + 1) * (m + 1), sizeof(*L));
	int named = 0;

	if (!L)
		abort();
	for (size_t i = n; i-- > 0;)
		for (size_t j = m; j-- > 0;)
			L[i * (m + 1) + j] = same(a->tok[i], b->tok[j]) ?
				L[(i + 1) * (m + 1) + j + 1] + 1 :
				L[(i + 1) * (m + 1) + j] > L[i * (m + 1) + j + 1] ?
				L[(i + 1) * (m + 1) + j] : L[i * (m + 1) + j + 1];
	append(out, size, " (");
	for (size_t i = 0, j = 0; i < n || j < m;) {
		if (i < n && j < m && same(a->tok[i], b->tok[j])) {
			i++, j++;
		} else if (j < m && (i == n || L[i * (m + 1) + j + 1] >=
					       L[(i + 1) * (m + 1) + j])) {
			name_step(out, size, '+', b->tok[j++], &named);
		} else {
			name_step(out, size, '-', a->tok[i++], &named);
		}
	}
	append(out, size, ")");
	free(L);
}

static const json_t *find(const json_t *funcs, const char *name)
{
	size_t i;
	const json_t *f;

	json_array_foreach(funcs, i, f)
		if (strcmp(json_string_value(json_object_get(f, "name")), name) == 0)
			return f;
	return NULL;
}

static json_int_t insns(const json_t *f)
{
	return f ? json_integer_value(json_object_get(f, "insns")) : 0;
}

/* One function's change, if any: "name +1 (nop at +0x0)". */
static void one(const json_t *bf, const json_t *cf, const char *name,
		char *out, size_t size)
{
	json_int_t d = insns(cf) - insns(bf);
	struct steps a, b;

	if (!d)
		return;
	append(out, size, "%s%s %+lld", *out ? "; " : "", name, (long long)d);
	if (!bf || !cf)
		append(out, size, bf ? " (gone)" : " (new)");
	bool ok = bf && cf &&
		  split(json_string_value(json_object_get(bf, "steps")), &a) &
		  split(json_string_value(json_object_get(cf, "steps")), &b);
	if (ok && a.n && b.n)
		name_changes(&a, &b, out, size);
	if (bf && cf) {
		free(a.buf);
		free(b.buf);
	}
}

void eb_xray_diff(const json_t *base, const json_t *cur, char *out, size_t size)
{
	const json_t *bfs = json_object_get(base, "functions");
	const json_t *cfs = json_object_get(cur, "functions");
	size_t i;
	const json_t *f;

	*out = '\0';
	json_array_foreach(cfs, i, f) {
		const char *name = json_string_value(json_object_get(f, "name"));
		one(find(bfs, name), f, name, out, size);
	}
	json_array_foreach(bfs, i, f) {
		const char *name = json_string_value(json_object_get(f, "name"));
		if (!find(cfs, name))
			one(f, NULL, name, out, size);
	}
}
