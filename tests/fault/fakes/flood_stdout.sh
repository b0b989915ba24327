# Fake QEMU, first measuring boot: 200 MB of protocol-looking lines on stdout.
source "$(dirname "$0")/common.sh"
[ $boot -eq 1 ] || exec "$REAL_QEMU" "$@"
yes "EB1 0 hello proto=1 mode=x86_64 boot=pvh k=64 batches=16 warmup=256" | head -c 200M
exit 1
