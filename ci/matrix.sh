#!/usr/bin/env bash
# The default matrix: dependencies, build, every variant of every kernel
# image in the best honest tier this host offers (hardware KVM cycles, else
# TCG instruction counts).  Writes results/latest.json and prints the table.
# Extra arguments go to `entrybench run`, e.g. ci/matrix.sh --trials 10
set -euo pipefail
cd "$(dirname "$0")/.."
ci/setup.sh
ci/build.sh
exec "${EB_BUILD_DIR:-build}"/host/entrybench run --out results/latest.json "$@"
