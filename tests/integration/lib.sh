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
