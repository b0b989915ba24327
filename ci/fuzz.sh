#!/usr/bin/env bash
# Fuzz the two parsers of untrusted input (guest protocol, results files)
# with libFuzzer for a bounded time each: ${EB_FUZZ_SECONDS:-30} s per
# target.  Builds tests/fuzz/ with clang into build-fuzz/ (needs Debian
# packages clang and libclang-rt-14-dev).  The committed corpus under
# tests/fuzz/corpus/<target>/ seeds each run and is left untouched; new
# inputs go to build-fuzz/corpus/, crashing ones to build-fuzz/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${EB_FUZZ_SECONDS:-30}
build=build-fuzz

command -v clang >/dev/null || {
	echo "ci/fuzz.sh: clang not found: apt-get install clang libclang-rt-14-dev" >&2
	exit 1
}
CC=clang cmake -S tests/fuzz -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"$(nproc)"

mkdir -p "$build/artifacts"
rc=0
for target in proto results; do
	mkdir -p "$build/corpus/$target"
	echo "fuzz_$target: ${seconds} s"
	if ! "$build/fuzz_$target" -max_total_time="$seconds" -timeout=10 \
		-rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$build/artifacts/$target-" \
		"$build/corpus/$target" "tests/fuzz/corpus/$target" \
		>"$build/fuzz_$target.log" 2>&1; then
		echo "fuzz_$target FAILED; reproduce with: $build/fuzz_$target $build/artifacts/$target-*" >&2
		tail -n 40 "$build/fuzz_$target.log" >&2
		rc=1
	else
		grep -E '^stat::number_of_executed_units|^Done' "$build/fuzz_$target.log" || true
	fi
done
exit $rc
