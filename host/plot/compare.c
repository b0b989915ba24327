/* SPDX-License-Identifier: MIT */
/*
 * compare: BASE NEW, per unit, NEW / BASE of each variant both have, with
 * the distribution-free interval of its Hodges-Lehmann ratio that compare
 * judges by (exact counts have none; too few trials for alpha draw no
 * bar), a bar from 1 coloured by compare's verdict.  One large ratio
 * must not flatten the rest: a ratio that dominates goes off the scale
 * (mark_dominant), and a log scale is used when the rest span more than
 * 2x (plots/compare.gp).  Two files compare as `entrybench compare`
 * compares them (eb_check_comparable).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plot/gnuplot_run.h"
#include "plot/select.h"
#include "results/compare.h"
#include "results/provenance.h"
#include "results/results.h"

/* Refused as `compare` and `gate` refuse it; a note (if any) on stderr. */
static bool check_compare(const struct eb_plot_input *in, char *err, size_t size)
{
	if (!eb_check_comparable(in->docs[0], in->paths[0], in->docs[1],
				 in->paths[1], in->force, err, size))
		return false;
	if (*err)
		fprintf(stderr, "plot: %s\n", err);
	return true;
}

/* compare's verdicts, in the legend's order, and their colours. */
enum verdict { MORE, FEWER, SAME, NO_EVIDENCE, IMPOSSIBLE, NVERDICTS };

static const struct {
	const char *insns, *cycles, *colour;
} verdicts[NVERDICTS] = {
	[MORE] = { "more instructions", "slower", "#d55e00" },
	[FEWER] = { "fewer instructions", "faster", "#009e73" },
	[SAME] = { "same", "same", "#999999" },
	[NO_EVIDENCE] = { "-", "no evidence", "#e69f00" },
	[IMPOSSIBLE] = { "-", "impossible at this n", "#cccccc" },
};

/* The verdict compare prints for c: by the sign for exact counts. */
static enum verdict verdict_of(const struct eb_change *c)
{
	if (c->exact)
		return c->diff > 0 ? MORE : c->diff < 0 ? FEWER : SAME;
	switch (c->verdict) {
	case EB_SLOWER: return MORE;
	case EB_FASTER: return FEWER;
	case EB_SAME: return SAME;
	case EB_IMPOSSIBLE: return IMPOSSIBLE;
	default: return NO_EVIDENCE;
	}
}

/* One variant's change, as drawn. */
struct ratio {
	char name[256];
	double r, lo, hi;
	enum verdict vd;
	bool off;		/* off the scale: drawn clipped, value written */
};

/* The legend: the verdicts that occur, keys[0..n), in their order. */
struct legend {
	int key[NVERDICTS];		/* verdict -> key (1-based), 0: absent */
	const char *label[NVERDICTS], *colour[NVERDICTS];
	size_t n;
};

static void make_legend(struct legend *l, const struct ratio *r, size_t n,
			bool exact)
{
	bool seen[NVERDICTS] = { false };

	for (size_t i = 0; i < n; i++)
		seen[r[i].vd] = true;
	l->n = 0;
	for (int i = 0; i < NVERDICTS; i++) {
		l->key[i] = seen[i] ? (int)++l->n : 0;
		if (seen[i]) {
			l->label[l->n - 1] = exact ? verdicts[i].insns : verdicts[i].cycles;
			l->colour[l->n - 1] = verdicts[i].colour;
		}
	}
}

/* The variants of v[0..n) in both files, in unit, into r; how many. */
static size_t ratios(struct ratio *r, const json_t *const *v, size_t n,
		     const json_t *base, const json_t *new, const char *unit)
{
	struct eb_compare_opts o = { .t = EB_THRESHOLDS_DEFAULT,
				     .paired = eb_abba_arms(base, new) };
	size_t rows = 0;

	for (size_t i = 0; i < n; i++) {
		const json_t *w = eb_results_same_variant(new, v[i]);
		if (!w || strcmp(str(w, "unit"), unit) != 0)
			continue;
		struct eb_change c = eb_compare_variant(v[i], w, &o);
		if (isnan(c.ratio))
			continue;
		bool bar = !eb_plot_exact(unit) && c.verdict != EB_IMPOSSIBLE;
		struct ratio *x = &r[rows++];
		*x = (struct ratio){ .r = c.ratio, .lo = bar ? c.lo : c.ratio,
				     .hi = bar ? c.hi : c.ratio, .vd = verdict_of(&c) };
		eb_plot_label(x->name, sizeof(x->name), v[i]);
	}
	return rows;
}

static int by_size_down(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? 1 : x > y ? -1 : 0;
}

/*
 * One ratio dominates when its change (|ln r|, with its interval) is
 * more than DOMINATES times the largest of the others: at most a quarter
 * of the rows, the largest ones, go off the scale, which then fits the
 * rest; their bars are cut at its edge with their value written.
 */
#define DOMINATES	4.0

static void mark_dominant(struct ratio *r, size_t n)
{
	double *m = malloc((n + 1) * sizeof(*m)), cut = INFINITY;

	if (!m)
		abort();
	for (size_t i = 0; i < n; i++)
		m[i] = fmax(fabs(log(r[i].lo)), fabs(log(r[i].hi)));
	m[n] = 0;
	qsort(m, n, sizeof(*m), by_size_down);
	for (size_t i = 0; i < n / 4 + 1 && i < n; i++)
		if (m[i] > DOMINATES * m[i + 1] && m[i + 1] > 0)
			cut = m[i + 1];
	for (size_t i = 0; i < n; i++)
		r[i].off = fmax(fabs(log(r[i].lo)), fabs(log(r[i].hi))) > cut;
	free(m);
}

/* label, ratio, interval, key of its verdict, off the scale (0/1). */
static void write_ratios(FILE *f, const struct ratio *r, size_t n,
			 const struct legend *l)
{
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%s\t%.17g\t%.17g\t%.17g\t%d\t%d\n", r[i].name, r[i].r,
			r[i].lo, r[i].hi, l->key[r[i].vd], r[i].off);
}

/* NEW's caption, and the revision BASE measured. */
static void compare_caption(char *out, size_t size, const json_t *base,
			    const json_t *new)
{
	char rev[64], what[600];

	if (!eb_provenance_revision(base, rev, sizeof(rev)))
		snprintf(rev, sizeof(rev), "unknown");
	eb_plot_caption(what, sizeof(what), new);
	snprintf(out, size, "new: %s; base: revision %s, %s", what, rev,
		 str(base, "created"));
}

static bool draw_compare(struct eb_plot *p, const struct eb_plot_kind *k,
			 const struct eb_plot_input *in, char *err, size_t size)
{
	const json_t *base = in->docs[0], *new = in->docs[1];
	const char *u[8];
	size_t nu = eb_plot_units(base, u, 8);
	char stem[600], caption[700];

	snprintf(stem, sizeof(stem), "%s-%s-vs-%s", k->name, in->stems[1],
		 in->stems[0]);
	compare_caption(caption, sizeof(caption), base, new);
	for (size_t i = 0; i < nu; i++) {
		const json_t *v[EB_PLOT_MAXV];
		char left[256], data[128], title[800], out[700], ylabel[256];
		size_t n = eb_plot_select_unit(in, base, u[i], v, left, sizeof(left));
		struct ratio r[EB_PLOT_MAXV];
		struct legend l;
		size_t rows = ratios(r, v, n, base, new, u[i]);
		FILE *f = eb_plot_data(p, data, sizeof(data));

		mark_dominant(r, rows);
		make_legend(&l, r, rows, eb_plot_exact(u[i]));
		write_ratios(f, r, rows, &l);
		fclose(f);
		if (!rows)
			continue;
		eb_plot_title(title, sizeof(title), stem, "", v[0], left);
		snprintf(ylabel, sizeof(ylabel), eb_plot_exact(u[i]) ?
			 "new / base %s (exact)" :
			 "new / base %s: Hodges-Lehmann ratio, %g%% interval",
			 u[i], 100 * (1 - 2 * EB_THRESHOLDS_DEFAULT.alpha));
		snprintf(out, sizeof(out), "%s-%s", stem, u[i]);
		struct eb_plot_meta m = { .data = data, .stem = out, .title = title,
					  .caption = caption, .unit = u[i],
					  .ylabel = ylabel, .n = rows, .keys = l.label,
					  .colours = l.colour, .nkeys = l.n };
		if (!eb_plot_draw(p, k->script, &m, err, size))
			return false;
	}
	return true;
}

EB_PLOT_KIND(compare) = {
	.name = "compare",
	.summary = "NEW / BASE per variant with its interval",
	.script = "compare.gp",
	.inputs = EB_PLOT_TWO_FILES,
	.check = check_compare,
	.draw = draw_compare,
};
