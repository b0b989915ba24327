# Fake QEMU, first measuring boot: 200 MB of NUL bytes on stderr, nothing on stdout, then a QEMU error status.
source "$(dirname "$0")/common.sh"
[ $boot -eq 1 ] || exec "$REAL_QEMU" "$@"
head -c 200M /dev/zero >&2
exit 1
