# compare: exact differences for instruction counts, refusals for other
# tiers and other environments, HL ratio, interval and verdict for cycles.
source "$(dirname "$0")/lib.sh"

eb run --accel tcg --trials 3 --out "$scratch/a.json"
expect_status 0
eb compare "$scratch/a.json" "$scratch/a.json"
expect_status 0
expect_output '^tier tcg .*unit insns$'
expect_output '^syscall-ptregs +x86_64 +92 +92 +\+0 +1\.0000 +3 +3 +same$'

# +5 instructions in the new file: an exact +5
jq '(.variants[] | select(.name == "syscall-ptregs") | .trials[].value) += 5' \
	"$scratch/a.json" >"$scratch/b.json"
eb compare "$scratch/a.json" "$scratch/b.json"
expect_status 0
expect_output '^syscall-ptregs +x86_64 +92 +97 +\+5 +1\.0543 +3 +3 +more$'
eb compare "$scratch/b.json" "$scratch/a.json"
expect_status 0
expect_output '^syscall-ptregs +x86_64 +97 +92 +-5 +0\.9485 +3 +3 +fewer$'

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
# the interval of the ratio (each end at alpha 0.01) above the limit
# 1 + max(0.5 %, 1 cycle / 200)
expect_output '^syscall-ptregs +x86_64 +[0-9.]+ +[0-9.]+ +1\.0500 \[ 1\.04[0-9]+, +1\.05[0-9]+\] +1\.0050 +10 +10 +slower$'
# reproducible: order statistics, nothing resampled
cp "$scratch/out" "$scratch/first"
eb compare "$scratch/k1.json" "$scratch/k2.json"
cmp -s "$scratch/out" "$scratch/first" || fail "compare is not reproducible"
# the other way round: one rule for both directions, the interval below
# 1 / limit; against itself: within the limit both ways
eb compare "$scratch/k2.json" "$scratch/k1.json"
expect_status 0
expect_output '^syscall-ptregs +x86_64 .* 0\.9524 \[ 0\.94[0-9]+, +0\.95[0-9]+\] +1\.0050 .* +faster$'
eb compare "$scratch/k1.json" "$scratch/k1.json"
expect_status 0
expect_output '^syscall-ptregs +x86_64 .* 1\.0000 .* +same$'
# three trials per arm: p = 1 / C(6, 3) = 0.05 at best, so no verdict is
# possible at alpha 0.01, and compare says so instead of "no evidence"
jq '.variants[].trials |= .[0:3]' "$scratch/k1.json" >"$scratch/k13.json"
jq '.variants[].trials |= .[0:3]' "$scratch/k2.json" >"$scratch/k23.json"
eb compare "$scratch/k13.json" "$scratch/k23.json"
expect_status 0
expect_output '^syscall-ptregs +x86_64 .* 1\.0500 +\[-, -\] .* +3 +3 +impossible at this n: smallest p 0\.05 > alpha 0\.01; 5 trials per arm can$'
grep -q 'no evidence' "$scratch/out" && fail "too few trials read as no evidence"
eb compare --alpha 0.05 "$scratch/k13.json" "$scratch/k23.json"
expect_output '^syscall-ptregs +x86_64 .* +3 +3 +slower$'
# the two arms of one gate --cycles set: paired by trial index, so a
# level shift of a whole block of boots (here pairs 4 and 5, +10 %)
# cancels, and the pairs' ratios, all exactly 1.05, give [1.05, 1.05]
block='.abba = {arm: $arm, order: "ABBABAABBAABABBAABBA", seed: 3}
	| (.variants[].trials[] | select(.boot == 4 or .boot == 5) | .value) *= 1.1'
jq --arg arm A "$block" "$scratch/k1.json" >"$scratch/arm-a.json"
jq --arg arm B "$block" "$scratch/k2.json" >"$scratch/arm-b.json"
eb compare "$scratch/arm-a.json" "$scratch/arm-b.json"
expect_status 0
expect_output '^the two arms of one gate --cycles set: trials paired as booted'
expect_output '^syscall-ptregs +x86_64 .* 1\.0500 \[ 1\.0500, +1\.0500\] .* +slower$'

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

# compare makes gate's checks, through the same function: other run
# parameters are refused unless --force, by both, with the same words
jq '.parameters.k = 32 | .parameters.boot = "multiboot"' "$scratch/a.json" >"$scratch/p.json"
for cmd in "compare $scratch/a.json $scratch/p.json" \
	   "gate --baseline $scratch/a.json --current $scratch/p.json"; do
	# shellcheck disable=SC2086
	eb $cmd
	expect_status 2
	expect_output "a.json and .*p.json were measured with other run parameters \(k 64 vs 32, boot \"pvh\" vs \"multiboot\"\): their figures are not comparable; measure with the same ones, or --force$"
	[ "$(wc -l <"$scratch/out")" -eq 1 ] || fail "$cmd: not one line"
done
eb compare --force "$scratch/a.json" "$scratch/p.json"
expect_status 0
expect_output '^warning: run parameters differ \(k 64 vs 32, boot "pvh" vs "multiboot"\); compared because of --force$'
# trials and the timeout do not change what a figure is
jq '.parameters.trials = 9 | .parameters.timeout_s = 1' "$scratch/a.json" >"$scratch/t.json"
eb compare "$scratch/a.json" "$scratch/t.json"
expect_status 0

# a file of host-injected NMIs has no timings: said, with the reason,
# instead of "no trials"; --force does not change that
jq '.parameters.inject_nmi = {design: "nmi-copied", count: 4, gap_max_ms: 3,
	ack_timeout_ms: 2000, seed: 1} | .nmi_injection = []' "$scratch/a.json" >"$scratch/i.json"
eb compare --force "$scratch/a.json" "$scratch/i.json"
expect_status 2
expect_output "^entrybench: compare: .*i.json is a run under host-injected NMIs \(--inject-nmi nmi-copied\): its timings are withheld, as its batches contain NMI handling"
grep -q "no trials" "$scratch/out" && fail "compare printed 'no trials' for an injection file"

# a variant without a figure says its status in both files
eb compare "$scratch/a.json" "$scratch/a.json"
expect_output '^io-exit +x86_64 +no figure: skipped in both$'
jq '(.variants[] | select(.name == "int80") | .trials[].status) = "crashed"
    | (.variants[] | select(.name == "int80") | .status) = "crashed"' "$scratch/a.json" >"$scratch/c.json"
eb compare "$scratch/a.json" "$scratch/c.json"
expect_output '^int80 +x86_64 +no figure in new: crashed$'
