/* SPDX-License-Identifier: MIT */
/* The x-ray of one round trip: xray/xray.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xray/xray.h"

#define MAX_DEPTH	64

const char *eb_xray_phase_name(enum eb_xray_phase p)
{
	static const char *const names[] = {
		[EB_PHASE_TRIP] = "trip", [EB_PHASE_ENTRY] = "entry",
		[EB_PHASE_HANDLER] = "handler", [EB_PHASE_EXIT] = "exit",
		[EB_PHASE_L1] = "vmexit",
	};
	return names[p];
}

/*
 * Did control leave row i for somewhere its kind does not explain: an
 * exception or an interrupt?  An instruction whose memory access faulted
 * never completed it (the plugin saw no access) and did not retire.
 */
static bool diverted(const struct eb_xray_row *r, const struct eb_xray_step *s,
		     const struct eb_xray_step *next, bool *faulted)
{
	*faulted = false;
	if (!next || r->d.kind != EB_INSN_PLAIN ||
	    next->vaddr == s->vaddr + s->size)
		return false;
	*faulted = r->d.memory && !s->mem;
	return true;
}

/* Names and decodes every step; which world it ran in. */
static void name_steps(struct eb_xray *x, const struct eb_xray_trace *t,
		       const struct eb_syms *syms, struct eb_disasm *d)
{
	for (size_t i = 0; i < t->n; i++) {
		const struct eb_xray_step *s = &t->step[i];
		struct eb_xray_row *r = &x->row[i];
		const struct eb_sym *sym = eb_syms_find(syms, s->vaddr, &r->off);

		r->vaddr = s->vaddr;
		r->func = sym ? sym->name : "?";
		r->l1 = sym && sym->world == 1;
		if (!sym || sym->name[0] == '[')	/* a region, "[vdso32]": */
			r->off = s->vaddr;		/* its address */
		eb_disasm_one(d, s->bytes, s->size, s->vaddr, &r->d);
	}
}

/*
 * Marks what entered and left the kernel, and what did not retire.  Under
 * nested KVM an L2 instruction followed by L1's code is the one L1
 * intercepted: the plugin saw it start, but it raised the VM exit and
 * icount did not count it (L1 skips it, decoding it: no NRIP-save under
 * TCG).  An exit by an interrupt would retire its instruction; no batch
 * whose figure is the median holds one.  L1's own instructions take no
 * part in L2's entry and exit.
 */
static void decode(struct eb_xray *x, const struct eb_xray_trace *t,
		   const struct eb_syms *syms, struct eb_disasm *d,
		   bool *enters)
{
	name_steps(x, t, syms, d);
	for (size_t i = 0; i < t->n; i++) {
		struct eb_xray_row *r = &x->row[i];
		bool faulted = false;
		bool exits = !r->l1 && i + 1 < t->n && x->row[i + 1].l1;

		r->intercepted = exits;
		x->exits += exits;
		if (r->l1 || exits) {
			r->retired = !exits;
			continue;
		}
		enters[i] = r->d.kind == EB_INSN_ENTER ||
			    diverted(r, &t->step[i], i + 1 < t->n ? &t->step[i + 1] :
				     NULL, &faulted);
		r->retired = !faulted;
	}
}

/*
 * Phases: the kernel's part of the trip is its entry until the first call,
 * the handler until the last call made from the entry's level returned,
 * then the exit up to and including the instruction that leaves.
 */
static void phases(struct eb_xray *x, const bool *enters)
{
	int kernel = 0, calls = 0;
	size_t first_call = x->nrows, last_return = x->nrows;

	for (size_t pass = 0; pass < 2; pass++) {
		kernel = calls = 0;
		for (size_t i = 0; i < x->nrows; i++) {
			struct eb_xray_row *r = &x->row[i];
			enum eb_insn_kind k = r->d.kind;
			if (r->l1) {
				r->phase = EB_PHASE_L1;
				continue;
			}
			r->phase = !kernel ? EB_PHASE_TRIP :
				   i <= first_call ? EB_PHASE_ENTRY :
				   i <= last_return ? EB_PHASE_HANDLER : EB_PHASE_EXIT;
			if (kernel && k == EB_INSN_LEAVE && kernel == 1)
				r->phase = EB_PHASE_EXIT;
			if (pass == 0 && kernel == 1 && k == EB_INSN_CALL &&
			    calls == 0 && first_call == x->nrows)
				first_call = i;
			calls += kernel == 1 && k == EB_INSN_CALL;
			calls -= kernel == 1 && k == EB_INSN_RET && calls > 0;
			if (pass == 0 && kernel == 1 && k == EB_INSN_RET && calls == 0)
				last_return = i;
			kernel += enters[i];
			kernel -= k == EB_INSN_LEAVE && kernel > 0;
		}
	}
}

/* "a;b;...;" of frames, then more frames, then func. */
static char *join(const char *const *frame, int depth, const char *const *more,
		  int nmore, const char *func)
{
	size_t len = strlen(func) + 1;
	char *s;

	for (int f = 0; f < depth; f++)
		len += strlen(frame[f]) + 1;
	for (int f = 0; f < nmore; f++)
		len += strlen(more[f]) + 1;
	if (!(s = malloc(len)))
		abort();
	s[0] = '\0';
	for (int f = 0; f < depth; f++)
		strcat(strcat(s, frame[f]), ";");
	for (int f = 0; f < nmore; f++)
		strcat(strcat(s, more[f]), ";");
	return strcat(s, func);
}

/*
 * L1's frames of a VM exit's handling (nested), on top of the L2 function
 * that exited: they start again at every exit, where L1 resumes.
 */
struct l1_frames {
	const char *frame[MAX_DEPTH];
	int depth;
};

static void l1_stack(struct eb_xray *x, size_t i, const char *const *frame,
		     int depth, struct l1_frames *l1)
{
	struct eb_xray_row *r = &x->row[i];

	if (i == 0 || !x->row[i - 1].l1) {
		l1->depth = 1;
		l1->frame[0] = i ? x->row[i - 1].func : "?";
	}
	r->stack = join(frame, depth, l1->frame, l1->depth, r->func);
	if (r->d.kind == EB_INSN_CALL && l1->depth < MAX_DEPTH)
		l1->frame[l1->depth++] = r->func;
	else if (r->d.kind == EB_INSN_RET && l1->depth > 1)
		l1->depth--;
}

/* The stack of functions at every row, for flame graphs. */
static void stacks(struct eb_xray *x, const char *root, const bool *enters)
{
	const char *frame[MAX_DEPTH];
	int depth = 0, entered_at[MAX_DEPTH], nentered = 0;
	struct l1_frames l1 = { .depth = 0 };

	frame[depth++] = root;
	for (size_t i = 0; i < x->nrows; i++) {
		struct eb_xray_row *r = &x->row[i];
		if (r->l1) {
			l1_stack(x, i, frame, depth, &l1);
			continue;
		}
		r->stack = join(frame, depth, NULL, 0, r->func);
		if ((r->d.kind == EB_INSN_CALL || enters[i]) && depth < MAX_DEPTH) {
			if (enters[i] && nentered < MAX_DEPTH)
				entered_at[nentered++] = depth;
			frame[depth++] = r->func;
		} else if (r->d.kind == EB_INSN_RET && depth > 1) {
			depth--;
		} else if (r->d.kind == EB_INSN_LEAVE && nentered) {
			depth = entered_at[--nentered];
		}
	}
}

static struct eb_xray_func *func_of(struct eb_xray *x, const char *name)
{
	for (size_t f = 0; f < x->nfunc; f++)
		if (strcmp(x->func[f].name, name) == 0)
			return &x->func[f];
	x->func = realloc(x->func, (x->nfunc + 1) * sizeof(*x->func));
	if (!x->func)
		abort();
	x->func[x->nfunc] = (struct eb_xray_func){ .name = strdup(name),
						   .steps = strdup("") };
	return &x->func[x->nfunc++];
}

/* Retired instructions per function, with the mnemonic and offset of each. */
static void count(struct eb_xray *x)
{
	for (size_t i = 0; i < x->nrows; i++) {
		const struct eb_xray_row *r = &x->row[i];
		if (!r->retired)
			continue;
		struct eb_xray_func *f = func_of(x, r->func);
		char *steps;
		if (asprintf(&steps, "%s%s%s+0x%llx", f->steps, *f->steps ? " " : "",
			     r->d.mnemonic, (unsigned long long)r->off) < 0)
			abort();
		free(f->steps);
		f->steps = steps;
		f->insns++;
		x->trip++;
	}
}

/* Retired instructions of the empty trip (a `ret`: one). */
static uint64_t retired(const struct eb_xray_trace *t)
{
	uint64_t n = 0;

	for (size_t i = 0; i < t->n; i++) {
		bool last = i + 1 == t->n;
		n += last || t->step[i + 1].vaddr == t->step[i].vaddr + t->step[i].size ||
		     t->step[i].mem;
	}
	return n;
}

void eb_xray_build(struct eb_xray *x, const char *root,
		   const struct eb_xray_trace *trip,
		   const struct eb_xray_trace *empty,
		   const struct eb_syms *syms, struct eb_disasm *d)
{
	bool *enters = calloc(trip->n ? trip->n : 1, sizeof(*enters));

	*x = (struct eb_xray){ .nrows = trip->n,
			       .row = calloc(trip->n ? trip->n : 1, sizeof(*x->row)) };
	if (!enters || !x->row)
		abort();
	decode(x, trip, syms, d, enters);
	phases(x, enters);
	stacks(x, root, enters);
	count(x);
	x->overhead = retired(empty);
	free(enters);
}

void eb_xray_free(struct eb_xray *x)
{
	for (size_t i = 0; i < x->nrows; i++)
		free(x->row[i].stack);
	for (size_t f = 0; f < x->nfunc; f++) {
		free(x->func[f].name);
		free(x->func[f].steps);
	}
	free(x->row);
	free(x->func);
	*x = (struct eb_xray){ 0 };
}

json_t *eb_xray_json(const struct eb_xray *x)
{
	json_t *funcs = json_array();

	for (size_t f = 0; f < x->nfunc; f++)
		json_array_append_new(funcs, json_pack("{s:s, s:I, s:s}",
			"name", x->func[f].name, "insns", (json_int_t)x->func[f].insns,
			"steps", x->func[f].steps));
	json_t *j = json_pack("{s:I, s:I, s:I, s:o}", "insns",
			      (json_int_t)eb_xray_net(x), "trip", (json_int_t)x->trip,
			      "overhead", (json_int_t)x->overhead, "functions", funcs);

	if (x->exits)
		json_object_set_new(j, "exits", json_integer((json_int_t)x->exits));
	return j;
}
