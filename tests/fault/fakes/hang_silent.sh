# Fake QEMU: the first measuring boot prints nothing and never exits.
source "$(dirname "$0")/common.sh"
[ $boot -eq 1 ] && exec sleep 600
exec "$REAL_QEMU" "$@"
