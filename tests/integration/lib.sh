# Shared by the integration tests: a scratch directory, the controller, and
# assertions that say what was expected.
set -euo pipefail

: "${ENTRYBENCH:?set by ctest: path of the entrybench binary}"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# eb ARGS...: run the controller, output in $scratch/out, status in $status
eb() {
	status=0
	"$ENTRYBENCH" "$@" >"$scratch/out" 2>&1 || status=$?
}

expect_status() {
	[ "$status" -eq "$1" ] || { cat "$scratch/out" >&2; fail "exit status $status, expected $1"; }
}

expect_output() {
	grep -qE -- "$1" "$scratch/out" || { cat "$scratch/out" >&2; fail "output lacks /$1/"; }
}

# jqr FILE FILTER: a jq query that must succeed
jqr() {
	jq -er "$2" "$1" || fail "jq '$2' on $1"
}

# reseal FILE: recompute environment.fingerprint by the formula of
# results/SCHEMA.md, after a test edited the environment on purpose, so
# that the check the test aims at is reached rather than the reader's
# refusal of an edited file.  (provenance.sh checks it against the C.)
reseal() {
	local fp
	fp=$(jq -jcS '.environment as $e
		| {cpu: $e.cpu, host_kernel_release: $e.host_kernel.release,
		   qemu_version: $e.qemu.version, tier: $e.tier,
		   mitigations: $e.mitigations}
		  + (if $e | has("cpu_power") then {cpu_power: $e.cpu_power} else {} end)
		  + (if $e.linux | has("kernel") then {linux_kernel: $e.linux.kernel} else {} end)
		  + (if $e.linux | has("columns") then {linux_columns: $e.linux.columns} else {} end)
		  + (if $e.nested | has("l1_kernel") then {nested_l1_kernel: $e.nested.l1_kernel} else {} end)' \
		"$1" | sha256sum | cut -d' ' -f1) || fail "reseal $1"
	jq --arg fp "$fp" '.environment.fingerprint = $fp' "$1" >"$1.resealed" &&
		mv "$1.resealed" "$1" || fail "reseal $1"
}
