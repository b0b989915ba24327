# Fake QEMU: none; the real QEMU, with its pid logged for the checks.
source "$(dirname "$0")/common.sh"
exec "$REAL_QEMU" "$@"
