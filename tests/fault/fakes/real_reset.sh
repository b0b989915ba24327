# Fake QEMU: a real triple fault: the 64-bit guest on a CPU without long mode (QEMU -no-reboot then exits 0).
source "$(dirname "$0")/common.sh"
exec "$REAL_QEMU" "$@" -cpu qemu64,-lm
