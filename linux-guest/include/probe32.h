/*
 * The 32-bit helper (probe32/, a static -m32 program; /probe32 in the
 * initramfs) and the 64-bit probe that runs it talk through its standard
 * output, one line each:
 *
 *	probe32 --entry              ->  sysenter | syscall | int80
 *	probe32 K BATCHES WARMUP PPID ->  check pass|fail [DETAIL]
 *	                                  batch OVERHEAD TICKS     (BATCHES lines, on a pass)
 *
 * Exit status 0, PROBE32_NO_VDSO when the process has no AT_SYSINFO, 2 on
 * bad usage.  The 64-bit side turns this into protocol records, so that one
 * process writes the whole stream.
 */
#ifndef EB_PROBE32_H
#define EB_PROBE32_H

#define PROBE32_NO_VDSO	3

#endif
