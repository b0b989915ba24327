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
