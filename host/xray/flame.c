/* SPDX-License-Identifier: MIT */
/* Folded stacks and an SVG icicle chart of an x-ray: xray/flame.h. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xray/flame.h"

#define WIDTH		1200.0
#define ROW_H		18.0
#define TOP		40.0
#define MAX_FRAMES	64

/* A tree of frames: the children of a node in order of first execution. */
struct node {
	char *name;
	uint64_t insns;		/* its own and its callees' */
	struct node *child, *next;
};

static struct node *child_named(struct node *n, const char *name, size_t len)
{
	struct node **p = &n->child;

	for (; *p; p = &(*p)->next)
		if (strlen((*p)->name) == len && strncmp((*p)->name, name, len) == 0)
			return *p;
	*p = calloc(1, sizeof(**p));
	if (!*p || !((*p)->name = strndup(name, len)))
		abort();
	return *p;
}

static struct node *tree(const struct eb_xray *x)
{
	struct node *root = calloc(1, sizeof(*root));

	if (!root)
		abort();
	for (size_t i = 0; i < x->nrows; i++) {
		const char *s = x->row[i].stack;
		struct node *n = root;
		if (!x->row[i].retired)
			continue;
		root->insns++;
		while (*s) {
			size_t len = strcspn(s, ";");
			n = child_named(n, s, len);
			n->insns++;
			s += len + (s[len] == ';');
		}
	}
	return root;
}

static void tree_free(struct node *n)
{
	while (n) {
		struct node *next = n->next;
		tree_free(n->child);
		free(n->name);
		free(n);
		n = next;
	}
}

/* A stack's own instructions: rows whose stack is exactly this one. */
void eb_xray_folded(FILE *f, const struct eb_xray *x)
{
	bool *done = calloc(x->nrows ? x->nrows : 1, sizeof(*done));

	if (!done)
		abort();
	for (size_t i = 0; i < x->nrows; i++) {
		uint64_t n = 0;
		if (done[i] || !x->row[i].retired)
			continue;
		for (size_t j = i; j < x->nrows; j++) {
			if (!x->row[j].retired || strcmp(x->row[j].stack,
							 x->row[i].stack) != 0)
				continue;
			done[j] = true;
			n++;
		}
		fprintf(f, "%s %llu\n", x->row[i].stack, (unsigned long long)n);
	}
	free(done);
}

/* XML text: the five characters that need it escaped. */
static void xml(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&apos;", f); break;
		default: fputc(*s, f);
		}
	}
}

/* A colour from the name, so a function keeps its colour across charts. */
static unsigned hue(const char *name)
{
	unsigned h = 5381;

	while (*name)
		h = h * 33 + (unsigned char)*name++;
	return h % 60;	/* warm: red to yellow */
}

static void box(FILE *f, const struct node *n, double x, double w, int depth,
		uint64_t total)
{
	double y = TOP + depth * ROW_H;

	fprintf(f, "<g><title>");
	xml(f, n->name);
	fprintf(f, ": %llu insns (%.1f %%)</title>\n<rect x=\"%.2f\" y=\"%.1f\" "
		"width=\"%.2f\" height=\"%.1f\" fill=\"hsl(%u,80%%,60%%)\" "
		"stroke=\"white\"/>\n", (unsigned long long)n->insns,
		100.0 * n->insns / total, x, y, w, ROW_H - 1, hue(n->name));
	if (w > 40) {
		fprintf(f, "<text x=\"%.2f\" y=\"%.1f\" clip-path=\"inset(0)\">",
			x + 3, y + ROW_H - 5);
		xml(f, n->name);
		fprintf(f, " %llu</text>\n", (unsigned long long)n->insns);
	}
	fprintf(f, "</g>\n");
}

static int draw(FILE *f, const struct node *n, double x, int depth,
		uint64_t total)
{
	int deepest = depth;

	for (const struct node *c = n->child; c; c = c->next) {
		double w = WIDTH * c->insns / total;
		box(f, c, x, w, depth, total);
		if (depth + 1 < MAX_FRAMES) {
			int d = draw(f, c, x, depth + 1, total);
			deepest = d > deepest ? d : deepest;
		}
		x += w;
	}
	return deepest;
}

bool eb_xray_svg(FILE *f, const struct eb_xray *x, const char *title)
{
	struct node *root = tree(x);
	char *body;
	size_t len;
	FILE *m = open_memstream(&body, &len);
	int depth;

	if (!m)
		abort();
	depth = root->insns ? draw(m, root, 0, 0, root->insns) : 0;
	fclose(m);
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" "
		"height=\"%.0f\" font-family=\"monospace\" font-size=\"11\">\n"
		"<text x=\"4\" y=\"20\" font-size=\"14\">", WIDTH,
		TOP + (depth + 1) * ROW_H + 10);
	xml(f, title);
	fprintf(f, "</text>\n%s</svg>\n", body);
	free(body);
	tree_free(root);
	return !ferror(f);
}
