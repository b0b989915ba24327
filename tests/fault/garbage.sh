# Binary noise and non-protocol text, then QEMU's status for a guest pass:
# rejected as a protocol error naming the first bad line and byte.  The
# noise is a fixed stream (fakes/garbage.sh), so the complaint is known.
source "$(dirname "$0")/lib.sh"
one_bad_trial garbage error '^guest pass, but protocol: line 1: byte 0xc6 at column 1 is not printable ASCII$'

# The same noise without line breaks: an over-long first line is output
# from the guest too, not "QEMU exited before the guest printed anything".
rm "$scratch/state/boots"
GARBAGE_LINE=0 one_bad_trial garbage error '^guest pass, but protocol: line 1: longer than 2048 bytes$'
