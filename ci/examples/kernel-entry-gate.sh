#!/usr/bin/env bash
# Gate a kernel tree's entry paths with entrybench's linux tier: measure
# this tree's bzImage (exact instruction counts of the real kernel's entry
# paths under TCG icount) and run `entrybench gate` against the baseline
# committed in the tree.  Run from the top of a built kernel tree.
#
#   kernel-entry-gate.sh [--linux-append ARGS]...            gate this build
#   kernel-entry-gate.sh --update "why" [--linux-append ARGS]... record it
#
# Environment (defaults in brackets):
#   ENTRYBENCH       the entrybench binary [entrybench on $PATH]
#   EB_BASELINE      the committed baseline [tools/testing/entrybench/baseline-linux.json]
#   EB_LINUX_KERNEL  the image to measure [arch/x86/boot/bzImage]
#   EB_OUT           the run's results file [entrybench-linux.json]
#   EB_REPORT        the gate's Markdown, for a PR comment or job summary
#                    [entrybench-gate.md]
#
# Exit status as gate's: 0 no regression (or baseline recorded), 1 a
# regression or a probe that failed its check, 2 the gate could not run.
# The --linux-append command lines must be the baseline's: the environment
# fingerprint covers them.
#
# NOT YET VERIFIED: written against the linux tier as issue 16 specifies it
# (run --guest linux, --linux-kernel, --linux-append); that host side was
# being built when this was written.  README.md, "Gating a kernel tree's
# CI with the linux tier", lists what has not been run.
set -euo pipefail

eb=${ENTRYBENCH:-entrybench}
baseline=${EB_BASELINE:-tools/testing/entrybench/baseline-linux.json}
kernel=${EB_LINUX_KERNEL:-arch/x86/boot/bzImage}
out=${EB_OUT:-entrybench-linux.json}
report=${EB_REPORT:-entrybench-gate.md}

reason=
if [ "${1:-}" = --update ]; then
	if [ $# -lt 2 ] || [ -z "$2" ]; then
		echo "$0: --update needs a reason" >&2
		exit 2
	fi
	reason=$2
	shift 2
fi
[ -r "$kernel" ] || { echo "$0: no kernel image $kernel: build the tree first (make bzImage)" >&2; exit 2; }
command -v "$eb" >/dev/null || { echo "$0: $eb not found: set ENTRYBENCH" >&2; exit 2; }

# run exits 1 when a probe failed its check: still gate (or refuse to
# record) the run, which says which; 2 and above mean no usable run.
rc=0
"$eb" run --guest linux --linux-kernel "$kernel" "$@" --out "$out" || rc=$?
[ "$rc" -le 1 ] || exit "$rc"

if [ -n "$reason" ]; then
	mkdir -p "$(dirname "$baseline")"
	exec "$eb" baseline update --from "$out" --baseline "$baseline" --reason "$reason"
fi
[ -r "$baseline" ] || {
	echo "$0: no baseline $baseline: record one with $0 --update \"why\" and commit it" >&2
	exit 2
}
rc=0
"$eb" gate --baseline "$baseline" --current "$out" --format markdown >"$report" || rc=$?
cat "$report"
exit "$rc"
