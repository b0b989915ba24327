/* SPDX-License-Identifier: MIT */
/*
 * Gating the linux tier (gate, baseline update): measuring what a linux
 * baseline measured, and noticing that the kernel itself changed, which
 * Debian's does with every security update: counts of two kernels do not
 * gate each other, so the gate names both and the command that records
 * the new one.
 */
#ifndef EB_LINUX_GATE_H
#define EB_LINUX_GATE_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

/* `run` arguments for the columns of base: the scratch strings live in buf. */
struct eb_linux_args {
	char cpus[64];
	const char *args[40];
	size_t n;
};

/*
 * Appends to a->args (NULL-terminated) what makes `run` measure what the
 * linux-tier file base measured: --guest linux, --trials 1 (the counts are
 * exact), its CPUs and its command lines, and --linux-kernel when kernel
 * is set.  False when they do not fit.
 */
bool eb_linux_gate_args(const json_t *base, const char *kernel,
			struct eb_linux_args *a);

/* "6.1.0-57-amd64 (Debian linux-image-6.1.0-57-amd64 6.1.192-3)". */
void eb_linux_kernel_name(const json_t *res, char *out, size_t size);

/* Were a and b measured on other kernels (their SHA-256 differ)? */
bool eb_linux_kernel_differs(const json_t *a, const json_t *b);

/*
 * The message for a baseline measured on another kernel than cur: both
 * kernels and the command that makes the new one the baseline.
 */
void eb_linux_new_kernel(const json_t *base, const char *bname,
			 const json_t *cur, char *out, size_t size);

#endif
