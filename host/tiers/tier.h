/* SPDX-License-Identifier: MIT */
/*
 * Measurement tiers.  A tier fixes how the guest runs and therefore what
 * one guest tick means: the unit of every published figure is the unit of
 * its tier, named here and nowhere else.  Each tier is one file in this
 * folder that registers itself with
 *
 *	EB_TIER(tcg) = {
 *		.name = "tcg",
 *		.unit = "insns",
 *		...
 *	};
 *
 * which places a pointer in the "eb_tier_ptrs" linker section; registry.c
 * walks the section, so adding a tier is adding its file and nothing else.
 * (The section is not named eb_tiers: in a file that registers a tier and
 * calls eb_tiers(), the assembler would take the call for the section.)
 */
#ifndef EB_TIER_H
#define EB_TIER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct eb_tier {
	const char *name;		/* as in results and --accel */
	const char *unit;		/* what one tick is: insns | tsc_cycles */
	const char *describe;		/* one line, for table headers */
	const char *caveats;		/* what its figures do not say */

	/*
	 * Guest tiers: the accelerator and CPU arguments of QEMU's argv
	 * (NULL-terminated).  NULL for a tier without a guest (native).
	 */
	const char *const *qemu_args;

	/*
	 * The kernel a guest tier boots: NULL for the bench kernel (--accel
	 * chooses among those tiers), else the name `run --guest` takes
	 * ("linux": a real Linux kernel, tiers/linux.c), which alone selects
	 * it: --accel never names it and auto never picks it.
	 */
	const char *guest;

	/*
	 * NULL, or the tier whose QEMU argv boots the bench kernel inside an
	 * L1 Linux that this tier's QEMU runs (nested: "kvm"), so that the
	 * same code path is exercised (run/nested.c).
	 */
	const char *inner;

	/* Does the guest run under the host's KVM, so that kvm:* counts its exits? */
	bool kvm_exits;

	/*
	 * --accel auto takes the usable guest tier of the highest preference;
	 * 0 means auto never picks it (it must be asked for by name).
	 */
	int auto_preference;

	/*
	 * NULL when this host can run the tier, else why not and what to do
	 * instead (possibly in buf).  root prefixes /proc, /sys and /dev: ""
	 * on a real host, a directory in tests.  NULL pointer: always usable.
	 */
	const char *(*unusable)(const char *root, char *buf, size_t size);

	/*
	 * The second guard, on the guest's calib record (iters ring-0 loop
	 * iterations took ticks): false with why rejects the trial's figures.
	 * NULL: every calibration is plausible (exact tiers).
	 */
	bool (*calib_ok)(uint64_t iters, uint64_t ticks, char *why, size_t size);
};

/* Pointers, not descriptors, for the reason given in lib/command.h. */
#define EB_TIER(id)							\
	static const struct eb_tier eb_tier_##id;			\
	static const struct eb_tier *const eb_tier_ptr_##id		\
	__attribute__((used, section("eb_tier_ptrs"))) = &eb_tier_##id;	\
	static const struct eb_tier eb_tier_##id

/* The tier of that name; NULL for an unknown one. */
const struct eb_tier *eb_tier(const char *name);

/* Every tier linked in, in link order; *n gets the count. */
const struct eb_tier *const *eb_tiers(size_t *n);

/* What --accel takes: "auto" and each bench-kernel tier's name, NULL-terminated. */
const char *const *eb_tier_accel_names(void);

/* Does the tier count exactly (instructions), not statistically (cycles)? */
bool eb_tier_exact(const struct eb_tier *t);

/*
 * --accel: "auto" or a bench-kernel tier's name.  Returns the tier, or NULL
 * with why saying what is wrong and what to do instead; on success why says
 * how the choice was made.  root as for unusable().
 */
const struct eb_tier *eb_tier_choose(const char *request, const char *root,
				     char *why, size_t size);

/*
 * --guest NAME: the tier that boots that guest (a tier whose .guest is
 * NAME), or NULL with why (no such guest; or its unusable() unless
 * check_usable is false: a kernel of the user's own needs no cache).
 */
const struct eb_tier *eb_tier_for_guest(const char *guest, bool check_usable,
					const char *root, char *why, size_t size);

/* What --guest takes: "bench" and each other guest's name, NULL-terminated. */
const char *const *eb_tier_guest_names(void);

/* The tier's calib guard: true when it has none. */
bool eb_tier_calib_ok(const struct eb_tier *t, uint64_t iters, uint64_t ticks,
		      char *why, size_t size);

#endif
