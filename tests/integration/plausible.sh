# Counts are what the code says they are: a bare SYSCALL/SYSRETQ round trip
# is a handful of instructions, a full pt_regs entry with C dispatch costs
# tens more, and the counts do not depend on k or on the boot protocol.
source "$(dirname "$0")/lib.sh"

median() { jqr "$1" ".variants[] | select(.name == \"$2\") | .summary.median"; }

eb run --accel tcg --trials 1 --variants syscall-sysret,syscall-ptregs,int80 --out "$scratch/a.json"
expect_status 0
sysret=$(median "$scratch/a.json" syscall-sysret)
ptregs=$(median "$scratch/a.json" syscall-ptregs)
int80=$(median "$scratch/a.json" int80)
echo "syscall-sysret $sysret, syscall-ptregs $ptregs, int80 $int80 insns"

# mov, syscall, mov, sysretq: 4; allow a little for a changed body
awk -v x="$sysret" 'BEGIN { exit !(x >= 3 && x <= 8) }' || fail "syscall-sysret $sysret insns"
awk -v x="$int80" 'BEGIN { exit !(x >= 3 && x <= 8) }' || fail "int80 $int80 insns"
awk -v a="$ptregs" -v b="$sysret" 'BEGIN { exit !(a > b + 30) }' ||
	fail "syscall-ptregs ($ptregs) is not clearly dearer than syscall-sysret ($sysret)"

# the overhead subtraction is exact: another k gives the same per-trip count
eb run --accel tcg --trials 1 --variants syscall-ptregs --k 7 --batches 3 --out "$scratch/b.json"
expect_status 0
[ "$(median "$scratch/b.json" syscall-ptregs)" = "$ptregs" ] ||
	fail "syscall-ptregs depends on k: $ptregs vs $(median "$scratch/b.json" syscall-ptregs)"

# multiboot on -M pc runs the same code: same count
eb run --accel tcg --trials 1 --variants syscall-ptregs --boot multiboot --out "$scratch/c.json"
expect_status 0
[ "$(median "$scratch/c.json" syscall-ptregs)" = "$ptregs" ] ||
	fail "multiboot boot gives $(median "$scratch/c.json" syscall-ptregs), pvh $ptregs"
