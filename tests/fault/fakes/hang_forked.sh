# Fake QEMU, first measuring boot: hangs in a child process of its own (as a helper process would), which holds stdout open.
source "$(dirname "$0")/common.sh"
[ $boot -eq 1 ] || exec "$REAL_QEMU" "$@"
sleep 600 &
echo $! >>"$FAKE_STATE/pids"
wait
