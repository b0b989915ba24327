# A guest whose output stops after 8 lines: timeout, with the last
# protocol line seen (seq 7), and the matrix goes on.
source "$(dirname "$0")/lib.sh"
one_bad_trial hang_midway timeout '^timeout after 4 s \(killed\); last line: EB1 7 '
