/* SPDX-License-Identifier: MIT */
/*
 * run --torture nmi|upcall|DESIGN: the x86_64 kernel booted with
 * eb.torture=, the in-guest nested-NMI torture or the event upcall torture
 * of every design (or the one named), each boot folded into one verdict per
 * design (run/nmi_torture.c).  Also the NMI designs themselves, which
 * --inject-nmi chooses from as well.
 */
#include <stdio.h>
#include <string.h>

#include "lib/cli.h"
#include "run/modes.h"
#include "run/nmi_torture.h"

bool eb_nmi_design(const struct eb_trial *t, const char *name)
{
	const struct eb_variant *v = eb_trial_variant(t, name);

	return v && v->family && strcmp(v->family, EB_FAMILY_NMI) == 0;
}

bool eb_nmi_design_check(const struct eb_trial *t, const char *option,
			 const char *design, bool family_ok)
{
	if ((family_ok && strcmp(design, EB_FAMILY_NMI) == 0) ||
	    eb_nmi_design(t, design))
		return true;
	fprintf(stderr, "entrybench: run: %s takes %sthe name of an NMI design "
		"of the %s kernel, not '%s'; valid:", option,
		family_ok ? EB_FAMILY_NMI " or " : "", EB_NMI_KERNEL, design);
	for (size_t k = 0; k < t->nvariants; k++)
		if (eb_nmi_design(t, t->variants[k].name))
			fprintf(stderr, " %s", t->variants[k].name);
	fputc('\n', stderr);
	return false;
}

/*
 * The torture `--torture x` runs: x itself (nmi, upcall), or the one whose
 * design x is (an NMI design; a variant whose list record says
 * torture=upcall); NULL if x is neither.
 */
static const char *torture_of(const struct eb_trial *t, const char *x)
{
	const struct eb_variant *v = eb_trial_variant(t, x);

	if (strcmp(x, EB_FAMILY_NMI) == 0 || strcmp(x, EB_TORTURE_UPCALL) == 0)
		return x;
	if (eb_nmi_design(t, x))
		return EB_FAMILY_NMI;
	return v ? v->torture : NULL;
}

/* Is variant `name` a design of torture `what` (nmi, upcall)? */
static bool torture_design(const struct eb_trial *t, const char *name,
			   const char *what)
{
	const char *of = torture_of(t, name);

	return strcmp(name, what) != 0 && of && strcmp(of, what) == 0;
}

static void list_designs(const struct eb_trial *t, const char *x)
{
	fprintf(stderr, "entrybench: run: --torture takes nmi or the name of an "
		"NMI design (or upcall, or an upcall design) of the %s kernel, "
		"not '%s'; valid:", EB_NMI_KERNEL, x);
	for (size_t k = 0; k < t->nvariants; k++)
		if (torture_of(t, t->variants[k].name))
			fprintf(stderr, " %s", t->variants[k].name);
	fputc('\n', stderr);
}

/* Every design of the torture named, or the one design named; other
 * images run nothing. */
static bool select_designs(const struct eb_run_request *req,
			   const struct eb_trial *t, struct eb_selection *sel)
{
	const char *what;

	sel->n = 0;
	if (strcmp(t->mode, EB_NMI_KERNEL) != 0)
		return true;
	if (!(what = torture_of(t, req->torture))) {
		list_designs(t, req->torture);
		return false;
	}
	for (size_t k = 0; k < t->nvariants; k++) {
		const char *name = t->variants[k].name;
		if (strcmp(req->torture, what) == 0 ?
		    torture_design(t, name, what) : strcmp(req->torture, name) == 0)
			sel->names[sel->n++] = name;
	}
	return true;
}

/* eb.torture= alone: the torture replaces the variants' timing. */
static bool torture_cmdline(const struct eb_run_request *req,
			    const struct eb_selection *sel, char *buf,
			    size_t size)
{
	int n = snprintf(buf, size, "%s%s", EB_ARG_TORTURE, req->torture);

	(void)sel;
	if (n < 0 || (size_t)n >= size) {
		eb_error("run: --torture %s: the kernel command line exceeds "
			 "%zu bytes", req->torture, size - 1);
		return false;
	}
	return true;
}

static void fold_torture(struct eb_run *run, const struct eb_run_image *im,
			 unsigned trial, const struct eb_boot *b)
{
	eb_torture_fold(run->res, im->mode, trial, b, im->sel.names, im->sel.n);
}

const struct eb_run_mode eb_mode_torture = {
	.name = "torture",
	.select = select_designs,
	.cmdline = torture_cmdline,
	.fold = fold_torture,
};
