# A guest that prints nothing and never stops: killed at --timeout,
# recorded as timeout (no last line), the matrix goes on.
source "$(dirname "$0")/lib.sh"
SECONDS=0
one_bad_trial hang_silent timeout '^timeout after 4 s \(killed\); last line: none$'
[ $SECONDS -lt 20 ] || fail "took $SECONDS s for one 2 s timeout"
