# The whole matrix under TCG: every variant passes its correctness check and
# reports an instruction count; two boots give identical counts.
source "$(dirname "$0")/lib.sh"

eb run --accel tcg --trials 2 --out "$scratch/r.json"
expect_status 0
expect_output 'tier tcg'
expect_output 'insns'

r=$scratch/r.json
n=$(jqr "$r" '.variants | length')
[ "$n" -ge 3 ] || fail "only $n variants in the matrix"

jq -r '.variants[] | select(.status != "pass" and .status != "skipped")
	| "\(.name): \(.status) \(.check_detail // "")"' "$r" >"$scratch/bad"
[ ! -s "$scratch/bad" ] || fail "variants did not pass: $(cat "$scratch/bad")"

# every passing variant: tier tcg, unit insns, two identical whole numbers
jqr "$r" '[.variants[] | select(.status == "pass")
	   | select(.tier != "tcg" or .unit != "insns"
		    or (.trials | length) != 2
		    or .trials[0].value != .trials[1].value
		    or (.trials[0].value | floor) != .trials[0].value)
	   | .name] | length == 0' >/dev/null ||
	fail "non-deterministic or mislabelled: $(jq -c '[.variants[] | {name, tier, unit, v: [.trials[].value]}]' "$r")"

# `show` reads the file back as the same table
eb show "$r"
expect_status 0
expect_output 'tier tcg'
expect_output 'syscall-sysret'
