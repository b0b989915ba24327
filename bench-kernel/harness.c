/*
 * The timing harness shared by every variant: set up, check one round trip,
 * then time batches of k round trips.  Emits `skip`, `check`, `batch` and
 * `timed` records; the host does all arithmetic on the raw ticks.
 */
#include <entrybench/protocol.h>
#include "arch.h"
#include "config.h"
#include "harness.h"
#include "lib.h"
#include "proto.h"
#include "user.h"
#include "processor-flags.h"
#include "variant.h"
#include "x86.h"

/*
 * Every arithmetic flag set: SYSRET/IRET must hand all of them back.  And
 * IF, in both rings, as a Linux user and kernel run: a path that loses it
 * on the way back (SYSENTER clears it, SYSEXIT restores no flags) fails.
 * Ring 0 sets it with POPF; ring 3 cannot (POPF at CPL 3 with IOPL 0
 * leaves IF alone), so the checked trip enters ring 3 with IF set.  The
 * timed trips enter it with IF clear; nothing sends interrupts either way
 * (the legacy PIC is masked, arch_init()).
 */
#define CANARY_FLAGS	(X86_EFLAGS_FIXED | X86_EFLAGS_CF | X86_EFLAGS_PF | \
			 X86_EFLAGS_AF | X86_EFLAGS_ZF | X86_EFLAGS_SF | X86_EFLAGS_OF | \
			 X86_EFLAGS_IF)

static void run_job(const struct variant *v, bool checked)
{
	if (v->cpl != 3)
		user_job(&job);
	else if (checked)
		arch_run_user_irq(user_job, &job);
	else
		arch_run_user(user_job, &job);
}

/* Appends "name: want 0x.. got 0x..; " to the detail text. */
static char *describe(char *p, char *end, const char *name,
		      unsigned long want, unsigned long got)
{
	static const char hex[] = "0123456789abcdef";
	const char *parts[] = { name, ": want 0x", NULL, " got 0x", NULL, "; " };
	unsigned long vals[] = { 0, 0, want, 0, got, 0 };

	for (unsigned i = 0; i < N_OF(parts); i++) {
		if (parts[i]) {
			for (const char *s = parts[i]; *s && p < end; )
				*p++ = *s++;
			continue;
		}
		for (int sh = sizeof(long) * 8 - 4; sh >= 0 && p < end; sh -= 4)
			*p++ = hex[(vals[i] >> sh) & 15];
	}
	return p;
}

/* NULL if the checked trip behaved, else which registers did not. */
static const char *compare(const struct variant *v)
{
	static char detail[EB_PROTO_MAX_LINE / 2];
	char *p = detail, *end = detail + sizeof(detail) - 1;

	for (int r = 0; r < NR_CHECK_REGS; r++) {
		unsigned long want = job.regs_before[r], got = job.regs_after[r];

		if (r == REG_RESULT && !v->keeps_result)
			want = v->result;
		else if (v->clobbers & REG_BIT(r))
			continue;
		if (want != got)
			p = describe(p, end, reg_names[r], want, got);
	}
	if (p != detail) {
		p[-2] = '\0';		/* drop the last "; " */
		return detail;
	}
	return v->check ? v->check() : NULL;
}

/* The entry stack pointers must survive a round trip unchanged. */
static const char *check_kernel_stacks(const unsigned long before[NR_KERNEL_STACKS])
{
	unsigned long after[NR_KERNEL_STACKS];

	arch_kernel_stacks(after);
	for (int i = 0; i < NR_KERNEL_STACKS; i++)
		if (after[i] != before[i])
			return "a round trip moved a kernel entry stack pointer (stack leak per call)";
	return NULL;
}

/* One round trip from canary registers, judged; NULL if it behaved. */
static const char *checked_trip(const struct variant *v)
{
	unsigned long stacks[NR_KERNEL_STACKS];
	const char *failed;

	job.trip = v->trip;
	job.check_only = true;
	for (int r = 0; r < NR_CHECK_REGS; r++)
		job.regs_before[r] = (unsigned long)0x0101010101010101ull * (r + 1);
	job.regs_before[REG_FLAGS] = CANARY_FLAGS;
	arch_kernel_stacks(stacks);
	run_job(v, true);
	failed = compare(v);
	return failed ? failed : check_kernel_stacks(stacks);
}

/*
 * Under injected NMIs (eb.nmi=) one checked trip would catch an NMI by
 * luck only: check as many trips as are timed, each after a fresh setup()
 * (variant checks count what one trip did), and report the first failure.
 */
static bool check_variant(const struct config *cfg, const struct variant *v)
{
	u64 trips = cfg->nmi ? cfg->k * cfg->batches : 1;
	const char *failed = NULL;

	for (u64 i = 0; i < trips && !failed; i++) {
		if (i)
			v->setup();
		failed = checked_trip(v);
	}

	rec_begin("check");
	rec_str("name", v->name);
	rec_str("status", failed ? "fail" : "pass");
	if (failed)
		rec_quoted("detail", failed);
	rec_end();
	return !failed;
}

static void time_variant(const struct config *cfg, const struct variant *v)
{
	u64 start, span;

	job.check_only = false;
	job.k = cfg->k;
	job.batches = cfg->batches;
	job.warmup = cfg->warmup;
	/* The whole that every batch is part of: the host checks them against it. */
	start = tsc_begin();
	run_job(v, false);
	span = tsc_end() - start;

	for (u64 b = 0; b < cfg->batches; b++) {
		rec_begin("batch");
		rec_str("name", v->name);
		rec_u64("i", b);
		rec_u64("k", cfg->k);
		rec_u64("overhead", job.overhead[b]);
		rec_u64("ticks", job.ticks[b]);
		rec_end();
	}
	rec_begin("timed");
	rec_str("name", v->name);
	rec_u64("span", span);
	rec_end();
}

bool run_variants(const struct config *cfg)
{
	bool all_passed = true;

	for_each_variant(v) {
		const char *why;

		if (!config_selects(cfg, v->name))
			continue;
		why = v->unsupported ? v->unsupported() : NULL;
		if (cfg->nmi && v->family == FAMILY_NMI)
			why = "eb.nmi is set: another NMI design owns the NMI gate";
		if (why) {
			rec_begin("skip");
			rec_str("name", v->name);
			rec_quoted("reason", why);
			rec_end();
			continue;
		}
		arch_reset_entries();
		v->setup();
		if (check_variant(cfg, v))
			time_variant(cfg, v);
		else
			all_passed = false;	/* its numbers would mean nothing */
		if (v->teardown)
			v->teardown();
	}
	return all_passed;
}

void describe_variants(void)
{
	for_each_variant(v) {
		rec_begin("variant");
		rec_str("name", v->name);
		rec_u64("cpl", (u64)v->cpl);
		rec_quoted("models", v->models);
		rec_quoted("source", v->source);
		if (family_name(v->family))	/* else `list` shows "-" */
			rec_str("family", family_name(v->family));
		if (v->torture)
			rec_str("torture", v->torture);
		rec_end();
	}
}
