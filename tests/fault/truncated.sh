# The real output cut in the middle of a line: truncated, not a pass.
source "$(dirname "$0")/lib.sh"
one_bad_trial truncated error '^guest pass, but protocol: line [0-9]+: truncated: no newline after [0-9]+ bytes$'
