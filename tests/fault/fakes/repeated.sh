# Fake QEMU, first measuring boot: the real output with its fourth line printed twice (a replayed record).
source "$(dirname "$0")/common.sh"
[ $boot -eq 1 ] || exec "$REAL_QEMU" "$@"
real "$@" | sed 4p
exit 1
