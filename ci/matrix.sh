#!/usr/bin/env bash
# The default matrix: dependencies, build, every variant of every kernel
# image in the best honest tier this host offers (hardware KVM cycles, else
# TCG instruction counts), then the native tier (this host kernel's own
# entry paths, Google Benchmark) and plots of both.
#   results/latest.json   the bench-kernel matrix
#   results/linux.json    the linux tier (Debian's kernel), when it is cached
#   results/nested.json   the bench kernel under a real KVM nested in TCG
#                         (tier nested: the hypercalls and exits), likewise
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
# The linux tier: Debian's kernel, its default matrix of command lines and
# CPU vendors; without the kernel in its cache (ci/setup.sh fetches it) it
# is skipped with the reason, never an error.
linux=results/linux.json
if [ -e "$(ci/linux-kernel.sh --dir)/current/vmlinuz" ]; then
	step "$eb" run --guest linux --out "$linux"
else
	echo "linux tier skipped: Debian's kernel is not in $(ci/linux-kernel.sh --dir) (ci/linux-kernel.sh fetches it)"
	linux=
fi
# The nested tier boots that kernel as L1 with its kvm_amd: the only tier
# here that measures the variants that exit (hypercalls, port I/O).
nested=
if [ -n "$linux" ]; then
	if "$eb" list --accel nested >/dev/null 2>"$log"; then
		nested=results/nested.json
		step "$eb" run --accel nested --out "$nested" "$@"
	else
		echo "nested tier skipped: $(tail -n 1 "$log")"
	fi
fi
step "$eb" native --out results/native.json
for f in results/latest.json $linux $nested results/native.json; do
	[ -f "$f" ] && step "$eb" plot "$f"
done
# The models beside the real kernel's paths: one unit, so only when the
# bench kernel was measured in instructions too (tier tcg).
if [ -n "$linux" ] && [ -f "$linux" ] &&
   "$eb" show results/latest.json 2>/dev/null | grep -q '^tier tcg '; then
	step "$eb" plot --kind reality results/latest.json "$linux"
fi
# Variant x tier: where the nested tier's figures leave the tcg tier's.
if [ -n "$nested" ] && [ -f "$nested" ]; then
	step "$eb" plot --kind tiers results/latest.json "$nested"
fi
exit $worst
