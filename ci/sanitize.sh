#!/usr/bin/env bash
# The host controller and its tests under AddressSanitizer and
# UndefinedBehaviorSanitizer (leaks included): configure build-asan/ with
# -DEB_SANITIZE=ON (host code only; the guest kernel is built as always),
# then run the unit, fault and integration tests.  Extra arguments go to
# ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
export EB_BUILD_DIR=build-asan
ci/build.sh -DEB_SANITIZE=ON
# Any report fails the test that provoked it: abort, and no recovery.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir build-asan --output-on-failure -j"$(nproc)" -L 'unit|fault|integration' "$@"
