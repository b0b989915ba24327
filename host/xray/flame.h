/* SPDX-License-Identifier: MIT */
/*
 * An x-ray as folded stacks ("a;b;c 12" per line, what flamegraph.pl and
 * speedscope read) and as an icicle chart in SVG: the root (the variant)
 * on top, each function a box under its caller, as wide as its
 * instructions.  Only retired instructions count, so widths add up to the
 * trip's count.
 */
#ifndef EB_XRAY_FLAME_H
#define EB_XRAY_FLAME_H

#include <stdbool.h>
#include <stdio.h>

#include "xray/xray.h"

/* Stacks in order of first execution, each with its instructions. */
void eb_xray_folded(FILE *f, const struct eb_xray *x);

/* The icicle chart; title says what it shows (variant, tier, unit). */
bool eb_xray_svg(FILE *f, const struct eb_xray *x, const char *title);

#endif
