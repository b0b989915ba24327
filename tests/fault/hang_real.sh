# The real guest, asked for far more work than --timeout allows (a million
# round trips per batch, 1024 batches): killed at the timeout after its
# output stopped mid-measurement; both trials are recorded with the last
# protocol line, and the next image still runs.
source "$(dirname "$0")/lib.sh"
out="$scratch/r.json"
SECONDS=0
eb run --accel tcg --qemu "$(fake real)" --timeout 1 --trials 2 --k 1000000 \
	--batches 1024 syscall-sysret --out "$out"
expect_status 1
[ $SECONDS -lt 20 ] || fail "took $SECONDS s for two 1 s timeouts"
for boot in 0 1; do
	[ "$(jtrial "$out" syscall-sysret $boot status)" = timeout ] || fail "trial $boot not a timeout"
	jtrial "$out" syscall-sysret $boot detail | grep -qE 'last line: EB1 [0-9]+ (check|batch|calib|variant) ' ||
		fail "trial $boot: no last protocol line: $(jtrial "$out" syscall-sysret $boot detail)"
done
no_survivors
