# Fake QEMU, first measuring boot: the real guest's output with
# syscall-sysret's batch ticks rewritten ($FAKE_STATE/tamper: low or huge),
# reframed (seq numbers, end's count and CRC-32) so the protocol accepts it.
source "$(dirname "$0")/common.sh"
[ $boot -eq 1 ] || exec "$REAL_QEMU" "$@"
real "$@" | python3 "$(dirname "$0")/reframe.py" syscall-sysret "$(cat "$FAKE_STATE/tamper")"
exit "${PIPESTATUS[0]}"
