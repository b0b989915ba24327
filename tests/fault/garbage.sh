# Binary noise and non-protocol text, then QEMU's status for a guest pass:
# rejected as a protocol error naming the first bad line.
source "$(dirname "$0")/lib.sh"
one_bad_trial garbage error '^guest pass, but protocol: line 1: (byte 0x[0-9a-f]{2} at column [0-9]+ is not printable ASCII|not a protocol line)'
