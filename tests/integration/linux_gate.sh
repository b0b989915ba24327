#!/usr/bin/env bash
# The linux tier's gate without a boot, on the committed baseline: the
# same counts pass; one more instruction in one column fails, naming it;
# floors within half an instruction pass, beyond it fail;
# a newer Debian kernel (the baseline's kernel edited, resealed) is exit 2
# with both versions and the baseline update command, or with
# --on-new-kernel skip (CI) a SKIP and exit 0, the new counts printed
# either way; a kernel the user names (--linux-kernel) is what is gated;
# ci/gate-linux.sh skips, saying why, without a kernel in the cache.
source "$(dirname "$0")/lib.sh"
: "${EB_SOURCE_DIR:?set by ctest}"
base="$EB_SOURCE_DIR/results/baseline-linux.json"
cur=$scratch/cur.json

# bump PROBE COLUMN TICKS: the baseline with TICKS more in every batch of
# that probe (k = 64 trips a batch: 64 ticks are one instruction a trip).
bump() {
	jq --arg p "$1" --arg c "$2" --argjson t "$3" \
		'(.variants[] | select(.name == $p and .column == $c) | .trials[]) |=
		 (.batches[].ticks += $t | .value += $t / 64)' "$base" >"$cur"
}

eb gate --baseline "$base" --current "$base"
expect_status 0
expect_output '^gate: PASS \(72 variants compared'
expect_output '^getppid-syscall +amd pti=on +331 +331 +\+0 '

bump getppid-syscall 'intel pti=on' 64
eb gate --baseline "$base" --current "$cur"
expect_status 1
expect_output '^gate: FAIL: getppid-syscall \(intel pti=on\) \+1 insns$'

# The linux tier is gated on floors (each probe's cheapest batch) with half
# an instruction of slack (EB_LINUX_GATE_SLACK): what an unrelated guest
# change moves passes, one whole instruction more per trip fails.
bump pf-minor intel 19
eb gate --baseline "$base" --current "$cur"
expect_status 0
expect_output '^pf-minor +intel +[0-9.]+ +[0-9.]+ +\+0\.30 .* ok$'
bump pipe-pingpong amd -25
eb gate --baseline "$base" --current "$cur"
expect_status 0
bump pf-minor intel 64
eb gate --baseline "$base" --current "$cur"
expect_status 1
expect_output '^gate: FAIL: pf-minor \(intel\) \+1 insns$'
bump pipe-pingpong amd 33
eb gate --baseline "$base" --current "$cur"
expect_status 1
expect_output '^gate: FAIL: pipe-pingpong \(amd\) \+0\.5'
# Only the floor counts: a tick in one more batch is no regression.
jq '(.variants[] | select(.name == "pf-minor" and .column == "amd") | .trials[].batches[0].ticks) += 100000' \
	"$base" >"$cur"
eb gate --baseline "$base" --current "$cur"
expect_status 0

# Debian's kernel replaced by a newer one: the same counts, another kernel.
jq '.environment.linux.kernel |= (.release = "6.1.0-99-amd64"
      | .package = "linux-image-6.1.0-99-amd64 6.1.999-1"
      | .sha256 = ("f" * 64))' "$base" >"$cur"
reseal "$cur"
eb gate --baseline "$base" --current "$cur"
expect_status 2
was=$(jq -r '.environment.linux.kernel | "\(.release) (Debian \(.package))"' "$base")
expect_output "^entrybench: gate: the baseline $base was measured on Linux $(sed 's/[.()]/\\&/g' <<<"$was"), this run on Linux 6\.1\.0-99-amd64 \(Debian linux-image-6\.1\.0-99-amd64 6\.1\.999-1\)"
expect_output "entrybench baseline update --baseline $base --reason \"Linux 6\.1\.0-99-amd64, Debian 6\.1\.999-1\"$"
expect_output '^getppid-syscall +syscall-ptregs +323 '	# its counts, printed
eb gate --baseline "$base" --current "$cur" --on-new-kernel skip
expect_status 0
expect_output '^gate: SKIP: the baseline .* 6\.1\.999-1'
# A kernel the user names is what is gated: compared, not skipped.
eb gate --baseline "$base" --current "$cur" --linux-kernel /my/bzImage
expect_status 0
expect_output '^gate: PASS \(72 variants compared'
expect_output "kernel or command lines differ \(linux\.kernel\.release, linux\.kernel\.sha256, linux\.kernel\.package\); compared because of --force"
# compare refuses it too, unless --force
eb compare "$base" "$cur"
expect_status 2
expect_output "kernel or command lines differ"

# No kernel in the cache: ci/gate-linux.sh says so and passes.
status=0
EB_LINUX_CACHE="$scratch/nocache" EB_BUILD_DIR=$(dirname "$(dirname "$ENTRYBENCH")") \
	bash "$EB_SOURCE_DIR/ci/gate-linux.sh" >"$scratch/out" 2>&1 || status=$?
expect_status 0
expect_output "^ci/gate-linux.sh: SKIP: no Debian kernel in $scratch/nocache"
echo PASS
