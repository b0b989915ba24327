# Bad requests get a clear message and exit status 2, and nothing is written.
source "$(dirname "$0")/lib.sh"

eb run --accel tcg --variants no-such-variant --out "$scratch/x.json"
expect_status 2
expect_output 'no-such-variant'
[ ! -e "$scratch/x.json" ] || fail "a results file was written for a bad request"

eb run --accel warp --out "$scratch/x.json"
expect_status 2
expect_output 'accel'

eb run --trials zero --out "$scratch/x.json"
expect_status 2

eb show "$scratch/does-not-exist.json"
expect_status 2

eb frobnicate
expect_status 2

# getopt's own complaints carry the prefix of every other message, for
# every command `entrybench --help` lists (a new one is checked too)
"$ENTRYBENCH" --help >"$scratch/help"
commands=$(sed -n 's/^  \([a-z]\+\) .*/\1/p' "$scratch/help")
[ "$(wc -w <<<"$commands")" -ge 10 ] || fail "--help lists too few commands: $commands"
for c in $commands; do
	eb "$c" --frobnicate
	expect_status 2
	head -n 1 "$scratch/out" | grep -qE "^entrybench: $c: (unrecognized|unknown) option '?--frobnicate" ||
		{ cat "$scratch/out" >&2; fail "$c --frobnicate: first line lacks the entrybench: prefix"; }
done
eb run --out
expect_status 2
expect_output "^entrybench: run: --out needs an argument"
eb export -o
expect_status 2
expect_output "^entrybench: export: -o needs an argument"
