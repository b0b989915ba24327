/* SPDX-License-Identifier: MIT */
/*
 * Export to Google Benchmark's JSON (as 1.7.1 writes it) so that its
 * compare.py can run a U test between two runs: per variant one
 * "iteration" row per passing trial and, from two trials on, the
 * "aggregate" rows mean, median, stddev and cv.  Google Benchmark only
 * knows time units, so the figure sits in real_time and cpu_time with
 * time_unit "ns" as a placeholder, and honestly in a counter named after
 * its unit (insns or tsc_cycles); the name is <variant>/<tier>/<unit>, a
 * non-x86_64 mode appended to the variant (int80.i386/tcg/insns) so that
 * names stay unique.  results/SCHEMA.md documents every field.
 */
#ifndef EB_EXPORT_GBENCH_H
#define EB_EXPORT_GBENCH_H

#include <jansson.h>

/* res (a valid results document) as a new Google Benchmark JSON document. */
json_t *eb_export_gbench(const json_t *res);

#endif
