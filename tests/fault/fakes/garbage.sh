# Fake QEMU, first measuring boot: binary noise and text that is not the protocol, then QEMU's status for a guest pass.
source "$(dirname "$0")/common.sh"
[ $boot -eq 1 ] || exec "$REAL_QEMU" "$@"
head -c 3000 /dev/urandom
printf "\nBooting...\nEB1 0 hello\n"
exit 1
