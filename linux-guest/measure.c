/*
 * Checking and timing one probe, the bench kernel's way (bench-kernel/
 * harness.c, job.c): one round trip from canary registers, judged; then a
 * warm-up and batches that each time k empty trips (the overhead) right
 * before k real ones, through the bench kernel's own timing.S.  Built into
 * the 64-bit /init and the 32-bit helper alike.
 */
#include <stdio.h>
#include <string.h>

#include "guest.h"
#include "probe.h"

/* Arithmetic flags set, IF set (user mode cannot clear it): all must come back. */
#define CANARY_FLAGS	(0x2ul | 0x1ul | 0x4ul | 0x40ul | 0x80ul | 0x800ul | 0x200ul)

extern const char *const reg_names[NR_CHECK_REGS];

static unsigned long before[NR_CHECK_REGS], after[NR_CHECK_REGS];
static pid_t parent;

long expected_parent(void)
{
	return parent;
}

/* "" if the trip kept what it must, else which registers it did not. */
static void compare(const struct probe *p, char *out, size_t size)
{
	size_t n = 0;

	out[0] = '\0';
	for (int r = 0; r < NR_CHECK_REGS; r++) {
		unsigned long want = before[r], got = after[r];

		if (r == REG_RESULT && p->expect)
			want = (unsigned long)p->expect();
		else if (p->clobbers & REG_BIT(r))
			continue;
		if (r == REG_FLAGS) {
			want &= ~p->flags_clobbers;
			got &= ~p->flags_clobbers;
		}
		if (want != got && n < size)
			n += snprintf(out + n, size - n, "%s%s: want %#lx got %#lx",
				      n ? "; " : "", reg_names[r], want, got);
	}
}

static void checked_trip(const struct probe *p, struct measurement *m)
{
	const char *why = NULL;

	for (int r = 0; r < NR_CHECK_REGS; r++)
		before[r] = (unsigned long)0x0101010101010101ull * (r + 1);
	before[REG_FLAGS] = CANARY_FLAGS;
	memset(after, 0, sizeof(after));	/* no first-touch fault inside the trip */
	if (p->prepare)
		p->prepare();
	check_trip(p->trip, before, after);
	compare(p, m->detail, sizeof(m->detail));
	if (!m->detail[0] && p->check && (why = p->check()))
		snprintf(m->detail, sizeof(m->detail), "%s", why);
	m->passed = !m->detail[0];
	if (m->passed && p->note)
		snprintf(m->detail, sizeof(m->detail), "%s", p->note());
}

static void timed_batches(const struct probe *p, const struct guest_config *cfg,
			  struct measurement *m)
{
	if (cfg->warmup) {
		if (p->prepare)
			p->prepare();
		time_trips(p->trip, cfg->warmup);
	}
	for (uint64_t b = 0; b < cfg->batches; b++) {
		if (p->prepare)
			p->prepare();
		m->overhead[b] = time_trips(empty_trip, cfg->k);
		m->ticks[b] = time_trips(p->trip, cfg->k);
	}
	m->nbatches = cfg->batches;
}

void measure(const struct probe *p, const struct guest_config *cfg,
	     struct measurement *m)
{
	const char *why;

	if (p->measure) {
		p->measure(p, cfg, m);
		return;
	}
	parent = cfg->parent;
	why = p->setup ? p->setup(cfg) : NULL;
	m->nbatches = 0;
	if (why) {
		m->passed = false;
		snprintf(m->detail, sizeof(m->detail), "setup: %s", why);
		return;
	}
	checked_trip(p, m);
	if (m->passed)
		timed_batches(p, cfg, m);
	if (p->teardown)
		p->teardown();
}
