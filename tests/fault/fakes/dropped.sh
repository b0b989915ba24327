# Fake QEMU, first measuring boot: the real output without its fourth line (a lost record).
source "$(dirname "$0")/common.sh"
[ $boot -eq 1 ] || exec "$REAL_QEMU" "$@"
real "$@" | sed 4d
exit 1
