# A hung QEMU with a child of its own: at the timeout the whole process
# group is killed, the child too (its pid is checked), not just QEMU.
source "$(dirname "$0")/lib.sh"
one_bad_trial hang_forked timeout '^timeout after 4 s \(killed\); last line: none$'
[ "$(wc -l <"$scratch/state/pids")" -ge 4 ] || fail "the fake's child was not logged"
