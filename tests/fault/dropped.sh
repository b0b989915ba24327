# A record lost: the sequence number catches the gap.
source "$(dirname "$0")/lib.sh"
one_bad_trial dropped error 'guest pass, but protocol: line 4: seq 3 expected, got 4$'
