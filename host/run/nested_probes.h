/* SPDX-License-Identifier: MIT */
/*
 * Tier nested: probes L1 runs itself (EB_NESTED_L1_PROBES), today the
 * native tier's kvm-run-pio, a KVM_RUN round trip of L1's real kvm_amd.
 */
#ifndef EB_NESTED_PROBES_H
#define EB_NESTED_PROBES_H

#include <stdbool.h>

#include "run/boot_loop.h"

/* Is name one of L1's probes (run names it like a variant)? */
bool eb_nested_is_probe(const char *name);

/* Boots L1 once per trial with the L1 probes run asked for, folded in. */
void eb_nested_run_probes(struct eb_run *run);

#endif
