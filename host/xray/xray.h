/* SPDX-License-Identifier: MIT */
/*
 * The x-ray of one round trip: every instruction the plugin recorded
 * (xray/plugin/xray_plugin.c), named by function + offset, decoded, put in
 * its phase (the trip's own code, the kernel's entry, the handler it
 * calls, the exit) and on a stack of functions (for flame graphs), and
 * counted per function.  Its sum is the trip's retired instructions minus
 * the empty trip's, exactly what the harness's overhead calibration takes
 * off, so it must equal the count `run` reports: eb_xray_net().
 */
#ifndef EB_XRAY_H
#define EB_XRAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "xray/disasm.h"
#include "xray/symbols.h"

/* One executed instruction as the plugin wrote it. */
struct eb_xray_step {
	uint64_t vaddr;
	uint8_t bytes[16];
	uint8_t size;
	bool mem;		/* a memory access of it completed */
};

/* One recorded trip: the empty trip of a batch's overhead loop, or a real one. */
struct eb_xray_trace {
	bool empty;
	bool overflowed;	/* the plugin's buffer was too small */
	struct eb_xray_step *step;
	size_t n;
};

struct eb_xray_traces {
	struct eb_xray_trace *t;
	size_t n;
};

/* The plugin's file; false with why. */
bool eb_xray_traces_read(const char *path, struct eb_xray_traces *out,
			 char *why, size_t size);
void eb_xray_traces_free(struct eb_xray_traces *t);

enum eb_xray_phase {
	EB_PHASE_TRIP,		/* the trip's own code, before and after */
	EB_PHASE_ENTRY,		/* kernel, before its first call */
	EB_PHASE_HANDLER,	/* from that call until the last one returned */
	EB_PHASE_EXIT,		/* kernel, after it, up to the way out */
	EB_PHASE_L1,		/* nested: L1 handling a VM exit of the trip */
	EB_PHASE_COUNT
};

const char *eb_xray_phase_name(enum eb_xray_phase p);

struct eb_xray_row {
	uint64_t vaddr;
	const char *func;	/* the symbol (borrowed), or "?" */
	uint64_t off;
	struct eb_decoded d;
	enum eb_xray_phase phase;
	bool retired;		/* false: it faulted or was intercepted, icount
				   did not count it */
	bool l1;		/* nested: L1's code (its symbols' world) */
	bool intercepted;	/* nested: L2's instruction that exited to L1 */
	char *stack;		/* "caller;callee;...;func", folded-stack style */
};

struct eb_xray_func {
	char *name;
	uint64_t insns;		/* retired instructions in it */
	char *steps;		/* "push+0x0 mov+0x1 ...": mnemonic + offset */
};

struct eb_xray {
	struct eb_xray_row *row;
	size_t nrows;
	uint64_t trip;		/* retired instructions of the trip */
	uint64_t overhead;	/* ... of the empty trip, calibrated away */
	uint64_t exits;		/* nested: VM exits, one intercepted insn each */
	struct eb_xray_func *func;	/* in order of first execution */
	size_t nfunc;
};

/*
 * The x-ray of trip, its batch's empty trip beside it; root names the
 * bottom frame of every stack (the variant).
 */
void eb_xray_build(struct eb_xray *x, const char *root,
		   const struct eb_xray_trace *trip,
		   const struct eb_xray_trace *empty,
		   const struct eb_syms *syms, struct eb_disasm *d);
void eb_xray_free(struct eb_xray *x);

/* What the x-ray adds up to: the trip less the calibrated overhead. */
static inline int64_t eb_xray_net(const struct eb_xray *x)
{
	return (int64_t)x->trip - (int64_t)x->overhead;
}

/*
 * variants[].xray of a results file (results/SCHEMA.md): {"insns", "trip",
 * "overhead", "functions": [{"name", "insns", "steps"}]}, and "exits" if
 * the trip left L2.
 */
json_t *eb_xray_json(const struct eb_xray *x);

/*
 * The per-function difference of two variants[].xray objects, one line:
 * "entry_SYSCALL_64_minimal +1 (nop at +0x0); f -2 (...)", "" if none.
 * Instructions added or removed are named where both sides have steps.
 */
void eb_xray_diff(const json_t *base, const json_t *cur, char *out, size_t size);

#endif
