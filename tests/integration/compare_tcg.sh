# compare: exact differences for instruction counts, refusals for other
# tiers and other environments, HL ratio, interval and p for cycles.
source "$(dirname "$0")/lib.sh"

eb run --accel tcg --trials 3 --out "$scratch/a.json"
expect_status 0
eb compare "$scratch/a.json" "$scratch/a.json"
expect_status 0
expect_output '^tier tcg .*unit insns$'
expect_output '^syscall-ptregs +x86_64 +92\.00 +92\.00 +\+0\.00 +1\.0000 +3 +3 +same$'

# +5 instructions in the new file: an exact +5
jq '(.variants[] | select(.name == "syscall-ptregs") | .trials[].value) += 5' \
	"$scratch/a.json" >"$scratch/b.json"
eb compare "$scratch/a.json" "$scratch/b.json"
expect_status 0
expect_output '^syscall-ptregs +x86_64 +92\.00 +97\.00 +\+5\.00 +1\.0543 +3 +3 +more$'
eb compare "$scratch/b.json" "$scratch/a.json"
expect_status 0
expect_output '^syscall-ptregs +x86_64 +97\.00 +92\.00 +-5\.00 +0\.9485 +3 +3 +fewer$'

# another QEMU: instruction counts depend on the guest code only, so a
# note naming the field (the cycle files below are refused)
jq '.environment.qemu.version = "QEMU emulator version 9.9"' "$scratch/a.json" >"$scratch/q.json"
reseal "$scratch/q.json"
eb compare "$scratch/a.json" "$scratch/q.json"
expect_status 0
expect_output '^note: environments differ \(qemu.version\); instruction counts depend on guest code only'

# cycles (the figures of a kvm host, made up from this run): ten trials
# per arm, the new arm 5 % slower
kvm='.environment.tier = "kvm" | .variants[] |= (.tier = "kvm" | .unit = "tsc_cycles"
	| .trials = [range(10) as $i | {boot: $i, status: "pass", detail: null,
		     value: ($base * (1 + ($i * 7 % 10 - 4.5) / 1000)), calib: null, batches: []}])'
jq --argjson base 200 "$kvm" "$scratch/a.json" >"$scratch/k1.json"
jq --argjson base 210 "$kvm" "$scratch/a.json" >"$scratch/k2.json"
reseal "$scratch/k1.json"
reseal "$scratch/k2.json"
eb compare "$scratch/k1.json" "$scratch/k2.json"
expect_status 0
expect_output '^tier kvm .*unit tsc_cycles$'
expect_output 'Hodges-Lehmann'
# fully separated arms: p = 1 / C(20, 10) = 5.4e-06
expect_output '^syscall-ptregs +x86_64 +[0-9.]+ +[0-9.]+ +1\.0500 \[1\.0[34][0-9]+, 1\.0[56][0-9]+\] +5\.4e-06 +10 +10 +slower$'
# reproducible: the interval comes from a seeded bootstrap
cp "$scratch/out" "$scratch/first"
eb compare "$scratch/k1.json" "$scratch/k2.json"
cmp -s "$scratch/out" "$scratch/first" || fail "compare is not reproducible"
# the other way round: the interval lies below 1, and the one-sided test
# for "slower" says nothing; against itself: no evidence either way
eb compare "$scratch/k2.json" "$scratch/k1.json"
expect_status 0
expect_output '^syscall-ptregs +x86_64 .* 0\.95[0-9]+ \[0\.9[0-9]+, 0\.9[0-9]+\] .* +faster$'
eb compare "$scratch/k1.json" "$scratch/k1.json"
expect_status 0
expect_output '^syscall-ptregs +x86_64 .* 1\.0000 .* +no evidence$'

# cycles from another QEMU: refused, naming the field, unless --force
jq '.environment.qemu.version = "QEMU emulator version 9.9"' "$scratch/k2.json" >"$scratch/kq.json"
reseal "$scratch/kq.json"
eb compare "$scratch/k1.json" "$scratch/kq.json"
expect_status 2
expect_output 'environments differ \(qemu.version\).*--force compares anyway'
eb compare --force "$scratch/k1.json" "$scratch/kq.json"
expect_status 0
expect_output '^warning: environments differ \(qemu.version\); compared because of --force'

eb compare "$scratch/a.json" "$scratch/k1.json"
expect_status 2
expect_output "tier 'tcg'.*tier 'kvm'.*never compare"
eb compare "$scratch/a.json"
expect_status 2
