#!/usr/bin/env bash
# Configure and build into build/ (or $EB_BUILD_DIR).  Extra arguments go to
# the configure step, e.g. -DEB_SANITIZE=ON.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${EB_BUILD_DIR:-build}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$build" -j"$(nproc)"
