# The deterministic gate on the real kernel: a baseline from this build
# passes against a fresh run; a doctored baseline (one variant cheaper,
# one missing, one extra) fails naming exactly the regressions.
source "$(dirname "$0")/lib.sh"

b=$scratch/baseline.json
eb baseline update --baseline "$b"
expect_status 2
expect_output 'reason is required'

eb baseline update --baseline "$b" --reason "gate test"
expect_status 0
jqr "$b" '.baseline.history | length == 1 and .[0].reason == "gate test"' >/dev/null
jqr "$b" '.environment.tier == "tcg"' >/dev/null

eb gate --baseline "$b"
expect_status 0
expect_output 'gate: PASS'
expect_output 'unit insns'

# syscall-ptregs cheaper in the baseline by 3, int80 only in the baseline
# as "int80-gone", syscall-sysret removed from it (so it is new now).
jq '(.variants[] | select(.name == "syscall-ptregs") | .trials[].value) -= 3
    | (.variants[] | select(.name == "int80")) |= (.name = "int80-gone")
    | .variants |= map(select(.name != "syscall-sysret"))' "$b" >"$scratch/doctored.json"
eb gate --baseline "$scratch/doctored.json" --out "$scratch/cur.json"
expect_status 1
expect_output 'syscall-ptregs +x86_64 +89 +92 +\+3 .*FAIL \(\+3 insns\)'
expect_output 'int80-gone +x86_64 .*FAIL missing'
expect_output 'new: syscall-sysret \(x86_64\) is not in the baseline; it passes'
expect_output '^gate: FAIL: int80-gone \(x86_64\) missing from the current run; syscall-ptregs \(x86_64\) \+3 insns$'
grep -q 'syscall-sysret.*FAIL' "$scratch/out" && fail "a new variant failed the gate"

# --current reads a finished run; the saved run passes the real baseline
eb gate --baseline "$b" --current "$scratch/cur.json"
expect_status 0

# updating records the previous figures
eb baseline update --baseline "$scratch/doctored.json" --from "$scratch/cur.json" --reason "second"
expect_status 2
expect_output 'cur.json lacks int80-gone \(x86_64\), which .*doctored.json has'
eb baseline update --baseline "$scratch/doctored.json" --from "$scratch/cur.json" --reason "second" --drop
expect_status 0
jqr "$scratch/doctored.json" '.baseline.history[-1].values[]
	| select(.name == "syscall-ptregs") | .after - .before == 3' >/dev/null
jqr "$scratch/doctored.json" '.baseline.history[-1].values[]
	| select(.name == "int80-gone") | .after == null' >/dev/null

# a failing run never becomes a baseline; other tiers never compare
jq '.variants[0].status = "fail"' "$scratch/cur.json" >"$scratch/failed.json"
eb baseline update --baseline "$scratch/x.json" --from "$scratch/failed.json" --reason r
expect_status 2
expect_output 'did not pass'
jq '.environment.tier = "kvm" | .variants[] |= (.tier = "kvm" | .unit = "tsc_cycles")' \
	"$scratch/cur.json" >"$scratch/kvm.json"
reseal "$scratch/kvm.json"
eb gate --baseline "$b" --current "$scratch/kvm.json"
expect_status 2
expect_output "tier 'tcg', .*kvm.json is tier 'kvm': figures of different tiers \(units\) never compare"

# every option the gate passes to its child run at once (the argument
# vector once overflowed with both --kernel-dir and --qemu)
qemu=$(command -v qemu-system-x86_64)
eb gate --baseline "$b" --kernel-dir "${ENTRYBENCH_KERNEL_DIR:?}" --qemu "$qemu"
expect_status 0
expect_output 'gate: PASS'
eb baseline update --baseline "$scratch/b2.json" --kernel-dir "$ENTRYBENCH_KERNEL_DIR" \
	--qemu "$qemu" --reason "all options"
expect_status 0

# an interrupted run is neither gated nor made a baseline: its missing
# variants would read as vanished, its figures as complete
jq '.interrupted = true' "$scratch/cur.json" >"$scratch/intr.json"
eb gate --baseline "$b" --current "$scratch/intr.json"
expect_status 2
expect_output 'intr.json is an interrupted run'
eb baseline update --baseline "$scratch/b3.json" --from "$scratch/intr.json" --reason r
expect_status 2
expect_output 'intr.json is an interrupted run'
[ ! -e "$scratch/b3.json" ] || fail "an interrupted run became a baseline"
eb show "$scratch/intr.json"
expect_status 0
expect_output '^interrupted: the run was cut short'
eb compare "$scratch/cur.json" "$scratch/intr.json"
expect_status 0
expect_output '^new  .*intr.json .* interrupted: incomplete$'

# a subset run would drop the rest of the matrix from the gate: refused
eb run --accel tcg --trials 1 int80 --out "$scratch/subset.json"
expect_status 0
cp "$b" "$scratch/b4.json"
eb baseline update --baseline "$scratch/b4.json" --from "$scratch/subset.json" --reason r
expect_status 2
expect_output 'subset.json lacks .* which .*b4.json has: a baseline holds the whole matrix'
cmp -s "$b" "$scratch/b4.json" || fail "a refused update changed the baseline"

# the verdict line counts what was compared, apart from what was skipped
eb gate --baseline "$b" --current "$scratch/cur.json"
expect_status 0
expect_output '^gate: PASS \([0-9]+ variants compared, 0 new, [0-9]+ skipped in both\)$'
