/* SPDX-License-Identifier: MIT */
/*
 * Export to Google Benchmark's JSON so that its compare.py can run a U test
 * between two runs.  gbench only knows time units, so the real unit rides
 * in the benchmark name: <variant>/<tier>/<unit>, time_unit "ns" being a
 * placeholder.  A non-x86_64 mode is appended to the variant name
 * (int80.i386/tcg/insns) so that names stay unique.
 */
#ifndef EB_GBENCH_H
#define EB_GBENCH_H

#include <jansson.h>

json_t *eb_gbench(const json_t *res);

#endif
