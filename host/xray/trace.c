/* SPDX-License-Identifier: MIT */
/* Reading the x-ray plugin's file: xray/xray.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xray/xray.h"

static void *grow(void *p, size_t *cap, size_t n, size_t each)
{
	if (n < *cap)
		return p;
	*cap = *cap ? *cap * 2 : 64;
	p = realloc(p, *cap * each);
	if (!p)
		abort();
	return p;
}

/* "<vaddr> <hex bytes>[ m]" into s; false if it is not that. */
static bool parse_step(const char *line, struct eb_xray_step *s)
{
	char hex[64], flag[4] = "";
	unsigned long long vaddr;
	int fields = sscanf(line, "%llx %63s %3s", &vaddr, hex, flag);
	size_t len = strlen(hex);

	if (fields < 2 || len % 2 || len / 2 > sizeof(s->bytes) || len == 0)
		return false;
	*s = (struct eb_xray_step){ .vaddr = vaddr, .size = len / 2,
				    .mem = strcmp(flag, "m") == 0 };
	for (size_t i = 0; i < s->size; i++) {
		unsigned b;
		if (sscanf(hex + 2 * i, "%2x", &b) != 1)
			return false;
		s->bytes[i] = b;
	}
	return true;
}

/* A header line, "trip N" or "empty N" [overflowed], starts trace t. */
static bool parse_header(const char *line, struct eb_xray_trace *t, size_t *n)
{
	char kind[8], more[16] = "";

	if (sscanf(line, "%7s %zu %15s", kind, n, more) < 2)
		return false;
	if (strcmp(kind, "trip") != 0 && strcmp(kind, "empty") != 0)
		return false;
	*t = (struct eb_xray_trace){ .empty = kind[0] == 'e',
				     .overflowed = strcmp(more, "overflowed") == 0 };
	t->step = calloc(*n ? *n : 1, sizeof(*t->step));
	if (!t->step)
		abort();
	return true;
}

bool eb_xray_traces_read(const char *path, struct eb_xray_traces *out,
			 char *why, size_t size)
{
	FILE *f = fopen(path, "re");
	char line[256];
	size_t cap = 0, want = 0, lineno = 0;
	struct eb_xray_trace *cur = NULL;

	*out = (struct eb_xray_traces){ 0 };
	if (!f) {
		snprintf(why, size, "the x-ray plugin wrote no %s: %m", path);
		return false;
	}
	while (fgets(line, sizeof(line), f)) {
		lineno++;
		if (cur && cur->n < want) {
			if (!parse_step(line, &cur->step[cur->n]))
				break;
			cur->n++;
			continue;
		}
		out->t = grow(out->t, &cap, out->n, sizeof(*out->t));
		cur = &out->t[out->n];
		if (!parse_header(line, cur, &want))
			break;
		out->n++;
	}
	bool ok = feof(f) && (!cur || cur->n == want);
	fclose(f);
	if (!ok)
		snprintf(why, size, "%s: line %zu is not what the x-ray plugin "
			 "writes (a trace cut short?)", path, lineno);
	return ok;
}

void eb_xray_traces_free(struct eb_xray_traces *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->t[i].step);
	free(t->t);
	*t = (struct eb_xray_traces){ 0 };
}
