# Fake QEMU: the first measuring boot prints the real guest's first 8 lines, then hangs.
source "$(dirname "$0")/common.sh"
[ $boot -eq 1 ] || exec "$REAL_QEMU" "$@"
real "$@" | head -n 8
exec sleep 600
