/* SPDX-License-Identifier: MIT */
/* The x-ray's listing and function table: xray/report.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xray/report.h"

static const struct eb_col cols[] = {
	{ "function", "function", 0 },
	{ "phases", "phases", 0 },
	{ "insns", "insns", EB_COL_RIGHT },
	{ "share", "share", EB_COL_RIGHT },
};

/* "entry,exit": the phases a function's retired instructions ran in. */
static void phases_of(const struct eb_xray *x, const char *func, char *out,
		      size_t size)
{
	bool seen[EB_PHASE_COUNT] = { false };

	for (size_t i = 0; i < x->nrows; i++)
		if (x->row[i].retired && strcmp(x->row[i].func, func) == 0)
			seen[x->row[i].phase] = true;
	*out = '\0';
	for (int p = 0; p < EB_PHASE_COUNT; p++)
		if (seen[p])
			snprintf(out + strlen(out), size - strlen(out), "%s%s",
				 *out ? "," : "", eb_xray_phase_name(p));
}

/* Every instruction, a header where the phase changes. */
static void listing(struct eb_view *view, const struct eb_xray *x)
{
	char *text;
	size_t len, n = 0;
	FILE *f = open_memstream(&text, &len);
	int phase = -1;

	if (!f)
		abort();
	for (size_t i = 0; i < x->nrows; i++) {
		const struct eb_xray_row *r = &x->row[i];
		char where[160];
		if ((int)r->phase != phase)
			fprintf(f, "-- %s --\n", eb_xray_phase_name(r->phase));
		phase = r->phase;
		n += r->retired;
		snprintf(where, sizeof(where), "%s+0x%llx", r->func,
			 (unsigned long long)r->off);
		fprintf(f, "%5zu  %16llx  %-36s %s%s\n", n,
			(unsigned long long)r->vaddr, where, r->d.text,
			r->retired ? "" : r->intercepted ?
			"   <- intercepted: a VM exit to L1, not retired, not counted" :
			"   <- faulted: not retired, not counted");
	}
	fclose(f);
	eb_view_text(view, text, true);
	free(text);
}

void eb_xray_report(struct eb_view *view, const char *variant,
		    const char *where, const char *tier,
		    const struct eb_xray *x, bool list)
{
	struct eb_vtable *t;

	eb_view_line(view, "x-ray of %s (%s): one round trip, every instruction "
		     "it executed", variant, where);
	if (list)
		listing(view, x);
	eb_view_line(view, "%s", "");
	t = eb_view_table(view, tier, variant, cols, sizeof(cols) / sizeof(cols[0]));
	for (size_t f = 0; f < x->nfunc; f++) {
		char ph[64];
		phases_of(x, x->func[f].name, ph, sizeof(ph));
		eb_vrow(t);
		eb_vstr(t, "%s", x->func[f].name);
		eb_vstr(t, "%s", ph);
		eb_vfigure(t, (double)x->func[f].insns, false);
		eb_vnumber(t, 100.0 * x->func[f].insns / (x->trip ? x->trip : 1),
			   "%.1f %%");
	}
	eb_vtable_caption(t, "sum: %llu insns in the trip - %llu of the empty "
			  "trip (the harness's calibrated overhead) = %lld insns, "
			  "the count the run measured", (unsigned long long)x->trip,
			  (unsigned long long)x->overhead, (long long)eb_xray_net(x));
	if (x->exits)
		eb_view_line(view, "%llu VM exit%s: the plugin saw each intercepted "
			     "L2 instruction start, icount did not retire it; "
			     "listed, not counted (phase vmexit: L1's handling, "
			     "counted)", (unsigned long long)x->exits,
			     x->exits == 1 ? "" : "s");
}
