/*
 * The NMI torture's findings as text, and against a design's pins
 * (struct nmi_pin): failure kinds, a sweep's windows (runs of consecutive
 * failing points of one kind), and what moved.
 */
#include <entrybench/protocol.h>
#include "lib.h"
#include <arch/regs.h>
#include "nmi_torture_local.h"

void put_str(struct text *t, const char *s)
{
	while (*s && t->p < t->end)
		*t->p++ = *s++;
	*t->p = '\0';
}

void put_num(struct text *t, u64 v, unsigned base)
{
	char buf[24], *b = buf + sizeof(buf);

	*--b = '\0';
	do
		*--b = "0123456789abcdef"[v % base];
	while (v /= base);
	if (base == 16)
		put_str(t, "0x");
	put_str(t, b);
}

/* protocol.h's names, in its order (worst last), which the enum follows */
static const char *const verdicts[] = { EB_TORTURE_VERDICTS };
_Static_assert(N_OF(verdicts) == CRASHED + 1, "a name per verdict");

const char *verdict_name(int verdict)
{
	return verdicts[verdict];
}

int kind_verdict(int kind)
{
	if (kind == K_OK)
		return SAFE;
	if (kind == K_LOST)
		return LOST;
	if (kind <= K_MEM)
		return FRAME;
	if (kind <= K_PF_CR2)
		return CR2;
	return CRASHED;
}

static const char *const kind_names[K_VEC] = {
	[K_OK] = "ok", [K_LOST] = "lost", [K_NEVER] = "never", [K_TWICE] = "twice",
	[K_RSP] = "rsp", [K_RFLAGS] = "rflags", [K_GS] = "gs", [K_KGS] = "kgs",
	[K_EXTRA] = "extra", [K_MEM] = "mem", [K_CR2] = "cr2", [K_PF_CR2] = "pf-cr2",
	[K_RUNS] = "runs", [K_ENTRIES] = "entries", [K_STEPS] = "steps",
	[K_BLOCK] = "block", [K_EMPTY] = "empty", [K_PF] = "pf",
};

void put_kind(struct text *t, int kind)
{
	if (kind >= K_GPR && kind < K_GPR + 16) {
		put_str(t, reg_names[kind - K_GPR]);
	} else if (kind >= K_VEC) {
		put_str(t, "v");
		put_num(t, kind - K_VEC, 10);
	} else {
		put_str(t, kind_names[kind]);
	}
}

/* The kind called `name`, or -1 */
static int kind_named(const char *name)
{
	for (int k = 0; k < NR_KINDS; k++) {
		char buf[16];
		struct text t = { buf, buf + sizeof(buf) - 1 };

		put_kind(&t, k);
		if (!strcmp(buf, name))
			return k;
	}
	return -1;
}

void finding_add_addr(struct finding *f, unsigned long addr, int kind)
{
	struct window *w = f->nwin && f->nwin <= MAX_WINDOWS ? &f->win[f->nwin - 1] : NULL;

	if (kind_verdict(kind) > kind_verdict(f->kind))
		f->kind = kind;
	if (kind == K_OK) {
		f->open = false;
		return;
	}
	if (f->open && f->nwin > MAX_WINDOWS)
		return;			/* still in a window past the ones kept */
	if (f->open && w && w->kind == kind) {
		w->last = addr;
		return;
	}
	f->open = true;
	if (++f->nwin <= MAX_WINDOWS)
		f->win[f->nwin - 1] = (struct window){ addr, addr, kind };
}

/* The finding's symbol nearest below addr, or NULL (then: from its base) */
static const struct nmi_sym *near_sym(const struct finding *f, unsigned long addr)
{
	const struct nmi_sym *near = NULL;

	for (unsigned i = 0; i < f->nsyms; i++)
		if (f->syms[i].addr && (unsigned long)f->syms[i].addr <= addr &&
		    (!near || f->syms[i].addr > near->addr))
			near = &f->syms[i];
	return near;
}

/* "+0x1c" from the finding's base, or "symbol+0x1c" from its nearest symbol */
void put_addr(struct text *t, const struct finding *f, unsigned long addr)
{
	const struct nmi_sym *near = near_sym(f, addr);

	if (near)
		put_str(t, near->name);
	put_str(t, "+");
	put_num(t, addr - (near ? (unsigned long)near->addr : f->base), 16);
}

/* "first..last:kind"; last without its symbol when it is first's */
void put_window(struct text *t, const struct finding *f, const struct window *w)
{
	const struct nmi_sym *near = near_sym(f, w->last);

	put_addr(t, f, w->first);
	put_str(t, "..");
	if (near && near == near_sym(f, w->first)) {
		put_str(t, "+");
		put_num(t, w->last - (unsigned long)near->addr, 16);
	} else {
		put_addr(t, f, w->last);
	}
	put_str(t, ":");
	put_kind(t, w->kind);
}

void put_finding(struct text *t, const struct finding *f)
{
	put_str(t, f->scenario);
	put_str(t, "=");
	put_str(t, verdict_name(kind_verdict(f->kind)));
	if (!f->sweep) {
		if (f->kind != K_OK) {
			put_str(t, "(");
			put_kind(t, f->kind);
			put_str(t, ")");
		}
		return;
	}
	put_str(t, "(");
	put_num(t, f->bad, 10);
	put_str(t, "/");
	put_num(t, f->covered, 10);
	if (f->covered != f->points) {
		put_str(t, " of ");
		put_num(t, f->points, 10);
	}
	for (unsigned i = 0; i < f->nwin && i < MAX_WINDOWS; i++) {
		put_str(t, " ");
		put_window(t, f, &f->win[i]);
	}
	if (f->nwin > MAX_WINDOWS)
		put_str(t, " ...");
	put_str(t, ")");
}

static bool same_window(const struct window *w, const struct nmi_pin *p)
{
	return w->first == p->first && w->last == p->last;
}

static void say_moved(struct text *t, bool *said, const char *what)
{
	put_str(t, *said ? ", " : ": ");
	put_str(t, what);
	*said = true;
}

/* A single run against its pin (at most one per scenario) */
static bool moved_single(struct text *t, const struct finding *f, const struct nmi_pin *pins)
{
	int want = K_OK;

	for (const struct nmi_pin *p = pins; p && p->scenario; p++)
		if (!strcmp(p->scenario, f->scenario))
			want = kind_named(p->kind);
	if (f->kind == want)
		return false;
	put_str(t, f->scenario);
	put_str(t, ": ");
	put_kind(t, f->kind);
	put_str(t, ", pinned ");
	if (want < 0)
		put_str(t, "an unknown kind");
	else
		put_kind(t, want);
	return true;
}

/* A sweep's windows against its pins: new, vanished, another kind */
static bool moved_sweep(struct text *t, const struct finding *f, const struct nmi_pin *pins)
{
	struct text start = *t;
	bool said = false;

	put_str(t, f->scenario);
	for (unsigned i = 0; i < f->nwin && i < MAX_WINDOWS; i++) {
		const struct window *w = &f->win[i];
		const struct nmi_pin *match = NULL;

		for (const struct nmi_pin *p = pins; p && p->scenario; p++)
			if (!strcmp(p->scenario, f->scenario) && same_window(w, p))
				match = p;
		if (match && kind_named(match->kind) == w->kind)
			continue;
		say_moved(t, &said, match ? "kind " : "new ");
		if (match) {
			put_str(t, match->kind);
			put_str(t, "->");
		}
		put_window(t, f, w);
	}
	if (f->nwin > MAX_WINDOWS)
		say_moved(t, &said, "more windows than are kept");
	for (const struct nmi_pin *p = pins; p && p->scenario; p++) {
		bool found = false;

		if (strcmp(p->scenario, f->scenario))
			continue;
		for (unsigned i = 0; i < f->nwin && i < MAX_WINDOWS; i++)
			found |= same_window(&f->win[i], p);
		if (found)
			continue;
		struct window gone = { p->first, p->last, kind_named(p->kind) };

		say_moved(t, &said, "vanished ");
		if (gone.kind < 0) {
			gone.kind = K_OK;
			put_str(t, p->kind);
			put_str(t, "?");
		}
		put_window(t, f, &gone);
	}
	if (!said) {
		*t = start;
		*t->p = '\0';
	}
	return said;
}

/* A pin naming a scenario that was not run moved too: it was never checked. */
static bool moved_unknown(struct text *t, bool any, const struct finding *f, unsigned n,
			  const struct nmi_pin *pins)
{
	for (const struct nmi_pin *p = pins; p && p->scenario; p++) {
		bool known = false;

		for (unsigned i = 0; i < n; i++)
			known |= !strcmp(f[i].scenario, p->scenario);
		if (known)
			continue;
		put_str(t, any ? "; " : "");
		put_str(t, p->scenario);
		put_str(t, ": pinned, but no such scenario");
		any = true;
	}
	return any;
}

bool put_moved(struct text *t, const struct finding *f, unsigned n,
	       const struct nmi_pin *pins)
{
	bool any = false;

	for (unsigned i = 0; i < n; i++) {
		char *before = t->p;

		if (any)
			put_str(t, "; ");
		if (f[i].sweep ? moved_sweep(t, &f[i], pins) : moved_single(t, &f[i], pins)) {
			any = true;
		} else {
			t->p = before;
			*t->p = '\0';
		}
	}
	return moved_unknown(t, any, f, n, pins);
}
