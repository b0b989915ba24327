#!/usr/bin/env bash
# The whole test suite: dependencies, build, ctest (unit + integration).
# Extra arguments go to ctest, e.g. ci/test.sh -L unit
set -euo pipefail
cd "$(dirname "$0")/.."
ci/setup.sh
ci/build.sh
ctest --test-dir "${EB_BUILD_DIR:-build}" --output-on-failure -j"$(nproc)" "$@"
