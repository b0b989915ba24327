# A record printed twice (replayed output): the sequence number catches it.
source "$(dirname "$0")/lib.sh"
one_bad_trial repeated error 'guest pass, but protocol: line 5: seq 4 expected, got 3$'
