# The cycle gate's orchestration end to end under TCG (deterministic
# values): an A/A run passes; without hardware KVM the real thing refuses.
source "$(dirname "$0")/lib.sh"
kdir=${ENTRYBENCH_KERNEL_DIR:?set by ctest}

# Default accelerator kvm: refused here (exit 2, saying why), or on a host
# with hardware KVM a real A/A run, which must pass.
eb gate --cycles --trials 8 --base-kernel-dir "$kdir" --new-kernel-dir "$kdir" \
	--variants syscall-sysret --out-dir "$scratch/kvm"
if [ "$status" -eq 2 ]; then
	expect_output 'gate --cycles: --accel kvm refused: '
else
	expect_status 0
fi

# auto is hardware KVM or nothing: never instruction counts posing as cycles
eb gate --cycles --accel auto --trials 8 --base-kernel-dir "$kdir" \
	--new-kernel-dir "$kdir" --variants syscall-sysret --out-dir "$scratch/auto"
if [ "$status" -eq 2 ]; then
	expect_output 'gate --cycles: refused: auto chose tcg: .*cycles need hardware KVM'
else
	expect_status 0
	expect_output 'gate: PASS'
fi

# an --out-dir that is a file: refused before any boot (4 trials pass
# the check of trials against a larger --alpha: 2^-4 = 0.0625)
: >"$scratch/file"
eb gate --cycles --accel tcg --trials 4 --alpha 0.07 --base-kernel-dir "$kdir" \
	--new-kernel-dir "$kdir" --variants syscall-sysret --out-dir "$scratch/file"
expect_status 2
expect_output "out-dir $scratch/file is not a writable directory"
grep -q 'boot order' "$scratch/out" && fail "booted before checking --out-dir"

# too few trials for --alpha: refused before any boot, naming what can
eb gate --cycles --accel tcg --trials 4 --base-kernel-dir "$kdir" \
	--new-kernel-dir "$kdir" --variants syscall-sysret --out-dir "$scratch/few"
expect_status 2
expect_output '--trials 4: 4 pairs reach p = 0\.0625 at best, above --alpha 0\.01: no regression could ever fail; use --trials 8 or more'
grep -q 'boot order' "$scratch/out" && fail "booted with too few trials"
[ ! -e "$scratch/few" ] || fail "--out-dir made for a refused gate"

eb gate --cycles --accel tcg --trials 8 --seed 7 --base-kernel-dir "$kdir" \
	--new-kernel-dir "$kdir" --variants syscall-sysret,syscall-ptregs \
	--out-dir "$scratch/g"
expect_status 0
expect_output 'gate: PASS'
expect_output 'set 1, boot order [AB]{16}$'
# equal arms, paired: ratio 1 in a [1, 1] interval, within the limit
expect_output '^syscall-ptregs +x86_64 +8 +1\.0000 \[ *1\.0000, +1\.0000\] +1\.0109 +same$'
grep -q 'set 2' "$scratch/out" && fail "an A/A run needed a confirmation set"
for arm in base new; do
	jqr "$scratch/g/$arm-1.json" '[.variants[].trials | length] == [8, 8]' >/dev/null
	jqr "$scratch/g/$arm-1.json" '.abba.seed == 7' >/dev/null
done
order=$(jqr "$scratch/g/base-1.json" '.abba.order')
grep -q "boot order $order" "$scratch/out" || fail "recorded order $order differs from the printed one"
# compare reads the arms the gate wrote (exact counts: exact rows)
eb compare "$scratch/g/base-1.json" "$scratch/g/new-1.json"
expect_status 0
expect_output '^syscall-ptregs +x86_64 +92 +92 +\+0 +1\.0000 +8 +8 +same$'

# the same seed gives the same order
eb gate --cycles --accel tcg --trials 8 --seed 7 --base-kernel-dir "$kdir" \
	--new-kernel-dir "$kdir" --variants syscall-sysret --out-dir "$scratch/g2"
expect_status 0
[ "$(jqr "$scratch/g2/base-1.json" '.abba.order')" = "$order" ] || fail "seeded order not reproduced"
