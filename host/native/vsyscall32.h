/* SPDX-License-Identifier: MIT */
/*
 * What entrybench-vsyscall32 (vsyscall32.c, a -m32 program) and
 * bench_vsyscall32.c, which runs it, agree on besides its output line.
 */
#ifndef EB_VSYSCALL32_H
#define EB_VSYSCALL32_H

/* Exit status: the kernel gave the process no 32-bit vDSO (AT_SYSINFO). */
#define EB_VSYSCALL32_NO_VDSO	3

#endif
