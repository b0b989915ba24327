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
 * "syscall-sysret +1: entry_SYSCALL_64_minimal +1 (nop at +0x0)" for
 * variant v of base and w of cur, both with "xray"; false if either lacks one.
 */
bool eb_xray_explain(const json_t *v, const json_t *w, char *out, size_t size);

#endif
