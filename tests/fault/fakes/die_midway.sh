# Fake QEMU, first measuring boot: the real output up to the check record
# of syscall-ptregs (int80's records complete before it), then the boot
# dies as $FAKE_STATE/death says: hang (a timeout), kill (QEMU killed by
# SIGKILL) or reset (exit 0: a triple fault under -no-reboot).
source "$(dirname "$0")/common.sh"
[ $boot -eq 1 ] || exec "$REAL_QEMU" "$@"
real "$@" | awk '{ print } / check name=syscall-ptregs / { exit }'
case $(cat "$FAKE_STATE/death") in
hang)	exec sleep 600 ;;
kill)	kill -KILL $$ ;;
reset)	exit 0 ;;
esac
