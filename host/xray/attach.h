/* SPDX-License-Identifier: MIT */
/*
 * X-rays for a results file of tier tcg that was measured without them
 * (`baseline update`, `gate`): its variants booted again with the plugin
 * and the same parameters, each x-ray checked against the file's own
 * median, then stored as the variant's "xray"; and the lines that explain
 * a count's change by function (`gate`, `compare --xray`).
 */
#ifndef EB_XRAY_ATTACH_H
#define EB_XRAY_ATTACH_H

#include <stddef.h>

#include <jansson.h>

/*
 * The passing variants of res (only those named, if n): EB_EXIT_OK, or
 * the exit status after one line naming cmd.
 */
int eb_xray_attach(json_t *res, const char *cmd, const char *kernel_dir,
		   const char *qemu, const char *const *only, size_t n);

/*
 * The linux tier's (a file of tier linux): each column booted once more
 * with the plugin (once for /init's probes, once for the 32-bit helper's),
 * for its passing probes whose median is a whole number: a trip's count
 * the x-ray can equal (pf-minor's and pipe-pingpong's trips differ from
 * each other: no x-ray).  only: the variants of res to x-ray (n = 0: all).
 * kernel: --linux-kernel, NULL the cache's.
 */
int eb_xray_attach_linux(json_t *res, const char *cmd, const char *kernel,
			 const char *qemu, json_t *const *only, size_t n);

/* Each x-ray of xr into the same variant of res, if it measured the same. */
int eb_xray_copy_back(json_t *res, const json_t *xr, const char *cmd);

/*
 * "syscall-sysret +1: entry_SYSCALL_64_minimal +1 (nop at +0x0)" for
 * variant v of base and w of cur, both with "xray"; false if either lacks one.
 */
bool eb_xray_explain(const json_t *v, const json_t *w, char *out, size_t size);

#endif
