# A real triple fault: the 64-bit guest on a CPU model without long mode.
# Every measuring boot is recorded as crashed; the list boot (real CPU)
# worked, the results are written, exit 1.
source "$(dirname "$0")/lib.sh"
out="$scratch/r.json"
eb run --accel tcg --qemu "$(fake real_reset)" --trials 2 syscall-sysret --out "$out"
expect_status 1
for boot in 0 1; do
	[ "$(jtrial "$out" syscall-sysret $boot status)" = crashed ] || fail "trial $boot not crashed"
	jtrial "$out" syscall-sysret $boot detail | grep -q 'no guest output: a reset (triple fault) before the first line' ||
		fail "trial $boot: $(jtrial "$out" syscall-sysret $boot detail)"
done
no_survivors
