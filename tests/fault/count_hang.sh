# run --counters whose counting boot hangs: that variant's counters are
# unavailable, saying which boot and why; its measured figure and the rest
# of the matrix are kept, and no QEMU is left behind.
source "$(dirname "$0")/lib.sh"
out=$scratch/r.json

eb run --accel tcg --qemu "$(fake count_hang)" --timeout 2 --trials 1 \
	--events context-switches syscall-sysret int80 --out "$out"
expect_status 0
c='.variants[] | select(.name == "int80") | .trials[0].counters."context-switches"'
jqr "$out" "$c.unavailable | test(\"^the counting boot with k=128 did not pass: timeout\")"
c='.variants[] | select(.name == "syscall-sysret") | .trials[0].counters."context-switches"'
jqr "$out" "$c.per_trip | type == \"number\""
jqr "$out" '[.variants[].summary.median] == [4, 4]'
expect_output 'unavailable \[1\]'
expect_output '^\[1\] the counting boot with k=128 did not pass: timeout'
no_survivors
