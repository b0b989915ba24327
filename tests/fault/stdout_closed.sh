# QEMU closes its stdout and stderr but does not exit: end of output is not
# the end of the boot; killed at --timeout.
source "$(dirname "$0")/lib.sh"
one_bad_trial stdout_closed timeout '^timeout after 4 s \(killed\)'
