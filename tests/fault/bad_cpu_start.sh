# QEMU refuses its arguments at start (an unknown -cpu model, as an
# unsupported CPU would be): the trial says so, with QEMU's own message and
# where to look; the matrix goes on.
source "$(dirname "$0")/lib.sh"
one_bad_trial bad_cpu error "^QEMU exited with status 1 before the guest printed anything: .*no-such-model.*check --qemu"
