/*
 * The NMI torture's sweeps of a design's entry: an NMI on every open point
 * (an instruction in a context, nmi_trace.c) of the scenario, each in a run
 * of its own.
 *
 * A run of the scenario with no NMI of the sweep's shows the points of the
 * first level.  An NMI on a point can open contexts that no run without it
 * has (the pass that an NMI in nmi-fake's atomic region starts, a replay
 * after a replay): the open points seen after it, if its run was survived,
 * are swept in turn, each in a run that first fires the NMIs of the points
 * that led to it.  Chains are bounded (MAX_CHAIN NMIs) and so is the table:
 * points found beyond either are counted as existing and not covered, so
 * the coverage figure says what was left out.
 */
#include "lib.h"
#include "nmi_torture_local.h"

#define MAX_POINTS	600
#define MAX_CHAIN	3		/* NMIs of the sweep in one run */

enum { P_NEW, P_SWEPT, P_MISSED, P_BEYOND };

struct point {
	u64 key;
	unsigned long rip;
	int parent;			/* the point whose NMI led here, or -1 */
	unsigned depth;			/* NMIs before this one in its run */
	int state;
	int kind;			/* P_SWEPT: what its run came to */
};

static struct point pts[MAX_POINTS];
static unsigned npts, overflow;

static bool known(u64 key)
{
	for (unsigned i = 0; i < npts; i++)
		if (pts[i].key == key)
			return true;
	return false;
}

/* New open points of a run, led to by point `parent` (-1: the first level) */
static void add_seen(int parent)
{
	unsigned n;
	const struct trace_point *seen = trace_seen(&n);
	unsigned depth = parent < 0 ? 0 : pts[parent].depth + 1;

	for (unsigned i = 0; i < n; i++) {
		if (known(seen[i].key))
			continue;
		if (npts == MAX_POINTS) {
			overflow++;
			continue;
		}
		pts[npts++] = (struct point){
			.key = seen[i].key, .rip = seen[i].rip, .parent = parent,
			.depth = depth, .state = depth < MAX_CHAIN ? P_NEW : P_BEYOND,
		};
	}
}

/* The keys of the NMIs a run of point i fires, the first first */
static unsigned chain_of(int i, u64 chain[MAX_CHAIN])
{
	unsigned n = pts[i].depth + 1;

	for (int j = (int)n - 1; j >= 0; j--, i = pts[i].parent)
		chain[j] = pts[i].key;
	return n;
}

/* "+0x74 (after NMIs at +0x9b +0x11)": where point i's NMI landed */
static void put_point(struct text *t, const struct finding *f, int i)
{
	put_addr(t, f, pts[i].rip);
	if (pts[i].parent < 0)
		return;
	put_str(t, " (after NMIs at");
	for (int j = pts[i].parent; j >= 0; j = pts[j].parent) {
		put_str(t, " ");
		put_addr(t, f, pts[j].rip);
	}
	put_str(t, ")");
}

/* The worst kind at each address, in address order: the windows */
static void windows(struct finding *f)
{
	for (unsigned long a = f->base; a < f->end; a++) {
		int kind = -1;

		for (unsigned i = 0; i < npts; i++)
			if (pts[i].rip == a && pts[i].state == P_SWEPT &&
			    (kind < 0 || kind_verdict(pts[i].kind) > kind_verdict(kind)))
				kind = pts[i].kind;
		if (kind >= 0)
			finding_add_addr(f, a, kind);
	}
}

void sweep_design(struct finding *f, const struct nmi_design *d, enum action base)
{
	int worst_at = -1;

	npts = overflow = 0;
	f->base = (unsigned long)d->entry;
	f->end = (unsigned long)d->entry_end;
	torture_sweep_run(base, NULL, 0);
	add_seen(-1);
	for (unsigned i = 0; i < npts; i++) {
		u64 chain[MAX_CHAIN];
		unsigned n;
		struct outcome o;

		if (pts[i].state != P_NEW)
			continue;
		n = chain_of((int)i, chain);
		o = torture_sweep_run(base, chain, n);
		if (trace_fired() < n) {
			pts[i].state = P_MISSED;	/* the run went elsewhere */
			continue;
		}
		pts[i].state = P_SWEPT;
		pts[i].kind = o.kind;
		f->covered++;
		f->bad += o.kind != K_OK;
		if (o.kind == K_OK)
			add_seen((int)i);
		if (torture_note(&o, f->scenario))
			worst_at = (int)i;
	}
	f->points = npts + overflow;
	windows(f);
	if (!npts)
		sweep_empty(f);
	if (worst_at >= 0) {
		char where[64];
		struct text t = { where, where + sizeof(where) - 1 };

		put_str(&t, "NMI at ");
		put_point(&t, f, worst_at);
		torture_locate(where, f, pts[worst_at].rip);
	}
}
