/* SPDX-License-Identifier: MIT */
/*
 * run --accel nested --inject-nmi, the host's part: the plan to L1 (its
 * gaps from eb_nmi_gaps(), so the same seed gives the same gaps as under
 * tcg) and L1's injection log back, as the eb_nmi_log that the tcg and
 * kvm tiers' injector fills (protocol.h, EB_NESTED_FWCFG_NMI).
 */
#ifndef EB_NESTED_INJECT_H
#define EB_NESTED_INJECT_H

#include <stdbool.h>
#include <stddef.h>

#include "run/nested.h"
#include "run/nmi_injector.h"

/* The plan into slot's file, L1's last log removed; false with err. */
bool eb_nested_nmi_write_plan(const struct eb_nested *n, size_t slot,
			      const struct eb_nmi_plan *plan, char *err,
			      size_t size);

/* L1's log of the boot in slot into log (free with eb_nmi_log_free());
 * none or a bad one: log->error says so, nothing counted. */
void eb_nested_nmi_read_log(const struct eb_nested *n, size_t slot,
			    const struct eb_nmi_plan *plan, struct eb_nmi_log *log);

#endif
