/* SPDX-License-Identifier: MIT */
/*
 * Host-side counters of one process (the QEMU child) and everything it
 * starts: PMU events by name through libpfm4, counted guest-only
 * (exclude_host), software events, and tracepoints such as kvm:kvm_exit
 * (subsystem:event, id from tracefs).
 *
 * Each counter ends with a value or with the reason it cannot be counted
 * (no PMU, no permission, no tracefs, TCG tier ...): an unavailable
 * counter is never reported as zero.
 */
#ifndef EB_COUNTERS_H
#define EB_COUNTERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <jansson.h>

#define EB_COUNTERS_MAX	32

/* Which guest exits, how many, and what the guest executed. */
#define EB_COUNTERS_DEFAULT \
	"kvm:kvm_exit,kvm:kvm_pio,kvm:kvm_mmio,kvm:kvm_msr," \
	"kvm:kvm_emulate_insn,cycles,instructions"

/* Why guest-only events and kvm:* tracepoints have no count under TCG. */
#define EB_COUNTERS_TCG_WHY \
	"TCG tier: the guest never enters KVM, so there are no KVM exits " \
	"or guest-mode counts to take"

struct eb_counter {
	char name[64];		/* as the user asked for it */
	int fd;			/* -1 while unavailable */
	bool needs_kvm;		/* guest-only PMU event or kvm:* tracepoint */
	bool has_value;		/* value is valid (after eb_counters_read) */
	uint64_t value;
	char why[256];		/* why it is unavailable, when it is */
};

struct eb_counters {
	size_t n;
	struct eb_counter c[EB_COUNTERS_MAX];
};

/*
 * Resolves names and opens them on pid, inherited by every thread and
 * child pid starts later (QEMU's vCPU threads), disabled until
 * eb_counters_enable() or pid's next execve.  root prefixes /sys and /proc
 * ("" on a real host; a directory in tests).  A counter that cannot be
 * counted here gets its reason; false with err only for a name that means
 * nothing to libpfm4 or tracefs, or too many names (bad usage).
 */
bool eb_counters_open(struct eb_counters *cs, pid_t pid,
		      const char *const *names, size_t n, const char *root,
		      char *err, size_t size);

/* Marks every counter that needs a KVM guest unavailable, saying why. */
void eb_counters_withhold(struct eb_counters *cs, const char *why);

void eb_counters_enable(struct eb_counters *cs);
void eb_counters_disable(struct eb_counters *cs);

/*
 * Takes the values.  Counts of exited threads and children are folded in
 * as they exit, so read after pid has been waited for.
 */
void eb_counters_read(struct eb_counters *cs);

void eb_counters_close(struct eb_counters *cs);

/* {name: {"value": N} or {"unavailable": why}, ...} */
json_t *eb_counters_json(const struct eb_counters *cs);

#endif
