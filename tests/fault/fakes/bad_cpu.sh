# Fake QEMU, first measuring boot: QEMU refuses its arguments at start (an unknown -cpu model), as with an unsupported CPU.
source "$(dirname "$0")/common.sh"
[ $boot -eq 1 ] || exec "$REAL_QEMU" "$@"
exec "$REAL_QEMU" "$@" -cpu no-such-model
