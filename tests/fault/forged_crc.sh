# Batches altered after the guest printed them: the end record's CRC-32
# gives the forgery away.
source "$(dirname "$0")/lib.sh"
one_bad_trial forged_crc error 'guest pass, but protocol: line [0-9]+: crc32 mismatch: end says [0-9a-f]{8}, computed [0-9a-f]{8}$'
