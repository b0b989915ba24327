# entrybench xray: one round trip of syscall-ptregs, every instruction.  Its
# per-function table must add up to the count an ordinary run measures
# (independently, without the plugin), the listing must mark the phases,
# and the folded stacks and the SVG chart must hold the same instructions.
source "$(dirname "$0")/lib.sh"

eb run syscall-ptregs --accel tcg --trials 1 --out "$scratch/run.json"
expect_status 0
measured=$(jqr "$scratch/run.json" '.variants[] | select(.name == "syscall-ptregs") | .summary.median')

eb xray syscall-ptregs --out "$scratch/x.json" --svg "$scratch/x.svg"
expect_status 0
cp "$scratch/out" "$scratch/table"
for phase in trip entry handler exit; do
	expect_output "^-- $phase --$"
done
expect_output 'entry_SYSCALL_64_after_hwframe\+0x0 +push rax$'
expect_output '^do_syscall_64 +handler +[0-9]+'

# The table's rows, the trip's total and the overhead the harness calibrates away.
read -r trip overhead net < <(sed -nE 's/^sum: ([0-9]+) insns in the trip - ([0-9]+) of the empty trip .* = ([0-9]+) insns, .*/\1 \2 \3/p' "$scratch/table")
[ -n "$trip" ] || fail "no sum line"
rows=$(awk '/^function +phases +insns/ { on = 1; next } on && NF >= 4 { s += $(NF - 2) } END { print s }' "$scratch/table")
[ "$rows" = "$trip" ] || fail "the function rows add up to $rows, the sum line says $trip"
[ $((trip - overhead)) = "$net" ] || fail "$trip - $overhead is not $net"
[ "$net" = "$measured" ] || fail "the x-ray adds up to $net insns, run measured $measured"

# The results file carries it (results/SCHEMA.md, variants[].xray).
[ "$(jqr "$scratch/x.json" '.variants[0].xray.insns')" = "$measured" ] || fail "xray.insns"
[ "$(jqr "$scratch/x.json" '.variants[0].xray | [.functions[].insns] | add')" = "$trip" ] ||
	fail "xray.functions do not add up to the trip"

eb xray syscall-ptregs --format folded
expect_status 0
folded=$(awk '{ s += $NF } END { print s }' "$scratch/out")
[ "$folded" = "$trip" ] || fail "folded stacks hold $folded insns, the trip $trip"
expect_output '^syscall-ptregs;user_syscall_getppid;entry_SYSCALL_64_after_hwframe;do_syscall_64 [0-9]+$'

grep -q '<svg' "$scratch/x.svg" || fail "no SVG in $scratch/x.svg"
grep -q 'do_syscall_64: [0-9]* insns' "$scratch/x.svg" || fail "the SVG lacks do_syscall_64"

# A fault that did not retire is listed but not counted: pf-extable's load.
eb xray pf-extable
expect_status 0
expect_output 'faulted: not retired, not counted'
