#!/usr/bin/env bash
# The default matrix: dependencies, build, every variant of every kernel
# image in the best honest tier this host offers (hardware KVM cycles, else
# TCG instruction counts), then the native tier (this host kernel's own
# entry paths, Google Benchmark) and plots of both.
#   results/latest.json   the bench-kernel matrix
#   results/native.json   the native tier
#   results/plots/        PNG and SVG figures of each (gnuplot)
# Extra arguments go to `entrybench run`, e.g. ci/matrix.sh --trials 10
# Exits with the worst status seen: 1 when a variant failed its check,
# 2 when something could not run.  Whatever completed is kept.
set -uo pipefail
cd "$(dirname "$0")/.."
# The build speaks only when it fails: the tables are what this prints.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
ci/setup.sh || exit 2
echo "building (${EB_BUILD_DIR:-build}/) ..."
ci/build.sh >"$log" 2>&1 || { cat "$log" >&2; echo "ci/matrix.sh: build failed" >&2; exit 2; }
eb=${EB_BUILD_DIR:-build}/host/entrybench
worst=0
step() { "$@"; local rc=$?; [ $rc -gt $worst ] && worst=$rc; return $rc; }

step "$eb" run --out results/latest.json "$@"
step "$eb" native --out results/native.json
for f in results/latest.json results/native.json; do
	[ -f "$f" ] && step "$eb" plot "$f"
done
exit $worst
