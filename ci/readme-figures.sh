#!/usr/bin/env bash
# The README's figures, regenerated: builds, runs the TCG matrix
# (results/latest.json), the linux tier's default matrix on Debian's
# kernel (results/linux.json) and the native tier (results/native.json),
# then draws into plots/examples/ (PNG, which the README shows):
#   latest-bars-insns.png                 the matrix, grouped by family
#   linux-heatmap-insns.png               Linux probe x kernel command line
#   reality-linux-vs-latest.png           each model beside its Linux probe
#   tiers.png                             variant x tier: tcg, linux, native
#   tiers-nested.png                      variant x tier: tcg against nested (KVM)
#   compare-latest-vs-baseline-tcg-insns.png   this tree against the CI baseline
#   trend-insns.png                       baseline -> this tree, one chart
# Commit plots/examples/ afterwards.  Needs the linux tier's kernel
# (ci/linux-kernel.sh); exits 2 without it, and with the status of the
# first step that failed.
set -euo pipefail
cd "$(dirname "$0")/.."
eb=${EB_BUILD_DIR:-build}/host/entrybench
out=plots/examples
kernels=$(ci/linux-kernel.sh --dir)
[ -e "$kernels/current/vmlinuz" ] ||
	{ echo "ci/readme-figures.sh: no Debian kernel in $kernels: run ci/linux-kernel.sh" >&2; exit 2; }
ci/build.sh >/dev/null
"$eb" run --accel tcg --out results/latest.json
"$eb" run --guest linux --out results/linux.json
"$eb" run --accel nested --out results/nested.json
"$eb" native --out results/native.json
rm -f "$out"/*.png "$out"/*.svg
p() { "$eb" plot --format png -o "$out" "$@"; }
p --kind bars results/latest.json
p --kind heatmap results/linux.json
p --kind reality results/latest.json results/linux.json
p --kind tiers results/latest.json results/linux.json results/native.json
tmp=$(mktemp -d)
"$eb" plot --format png -o "$tmp" --kind tiers results/latest.json results/nested.json
mv "$tmp/tiers.png" "$out/tiers-nested.png"
rmdir "$tmp"
p --kind compare results/baseline-tcg.json results/latest.json
p --kind trend results/baseline-tcg.json results/latest.json
