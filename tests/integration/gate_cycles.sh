# The cycle gate's orchestration end to end under TCG (deterministic
# values): an A/A run passes; without hardware KVM the real thing refuses.
source "$(dirname "$0")/lib.sh"
kdir=${ENTRYBENCH_KERNEL_DIR:?set by ctest}

# Default accelerator kvm: refused here (exit 2, saying why), or on a host
# with hardware KVM a real A/A run, which must pass.
eb gate --cycles --trials 2 --base-kernel-dir "$kdir" --new-kernel-dir "$kdir" \
	--variants syscall-sysret --out-dir "$scratch/kvm"
if [ "$status" -eq 2 ]; then
	expect_output 'gate --cycles: --accel kvm refused: '
else
	expect_status 0
fi

# auto is hardware KVM or nothing: never instruction counts posing as cycles
eb gate --cycles --accel auto --trials 2 --base-kernel-dir "$kdir" \
	--new-kernel-dir "$kdir" --variants syscall-sysret --out-dir "$scratch/auto"
if [ "$status" -eq 2 ]; then
	expect_output 'gate --cycles: refused: auto chose tcg: .*cycles need hardware KVM'
else
	expect_status 0
	expect_output 'gate: PASS'
fi

# an --out-dir that is a file: refused before any boot
: >"$scratch/file"
eb gate --cycles --accel tcg --trials 2 --base-kernel-dir "$kdir" \
	--new-kernel-dir "$kdir" --variants syscall-sysret --out-dir "$scratch/file"
expect_status 2
expect_output "out-dir $scratch/file is not a writable directory"
grep -q 'boot order' "$scratch/out" && fail "booted before checking --out-dir"

eb gate --cycles --accel tcg --trials 4 --seed 7 --base-kernel-dir "$kdir" \
	--new-kernel-dir "$kdir" --variants syscall-sysret,syscall-ptregs \
	--out-dir "$scratch/g"
expect_status 0
expect_output 'gate: PASS'
expect_output 'set 1, boot order [AB]{8}$'
# equal arms: ratio 1 in a [1, 1] interval, and "no evidence", not "ok"
expect_output '^syscall-ptregs +x86_64 +4 +4 +1\.0000 \[ *1\.0000, +1\.0000\] .* no evidence$'
grep -q 'set 2' "$scratch/out" && fail "an A/A run needed a confirmation set"
for arm in base new; do
	jqr "$scratch/g/$arm-1.json" '[.variants[].trials | length] == [4, 4]' >/dev/null
	jqr "$scratch/g/$arm-1.json" '.abba.seed == 7' >/dev/null
done
order=$(jqr "$scratch/g/base-1.json" '.abba.order')
grep -q "boot order $order" "$scratch/out" || fail "recorded order $order differs from the printed one"

# the same seed gives the same order
eb gate --cycles --accel tcg --trials 4 --seed 7 --base-kernel-dir "$kdir" \
	--new-kernel-dir "$kdir" --variants syscall-sysret --out-dir "$scratch/g2"
expect_status 0
[ "$(jqr "$scratch/g2/base-1.json" '.abba.order')" = "$order" ] || fail "seeded order not reproduced"
