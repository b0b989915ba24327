#!/usr/bin/env bash
# The CI regression gate: instruction counts of this tree, measured now
# under TCG, against the committed baseline results/baseline-tcg.json.
# Assumes ci/test.sh has built the tree.  Prints the gate's table; exits 1
# on a regression (a variant costs more instructions, vanished, or fails
# its check), 2 when the gate could not run.  New variants pass.
# Record an intended change with:
#   build/host/entrybench baseline update --reason "why the counts change"
set -euo pipefail
cd "$(dirname "$0")/.."
eb=${EB_BUILD_DIR:-build}/host/entrybench
[ -x "$eb" ] || { echo "ci/gate.sh: $eb missing: run ci/build.sh (or ci/test.sh) first" >&2; exit 2; }
exec "$eb" gate --baseline results/baseline-tcg.json \
	--kernel-dir "${EB_BUILD_DIR:-build}/bench-kernel" "$@"
