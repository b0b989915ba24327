# A guest that resets (triple fault) after 8 lines: QEMU exits 0 under
# -no-reboot; recorded as crashed with the last protocol line seen.
source "$(dirname "$0")/lib.sh"
one_bad_trial reset crashed '^guest reset \(triple fault\); last line: EB1 7 '
